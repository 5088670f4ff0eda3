-- A family's verified stored objects, counted where the quota check reads them (issue 14): summing them on every
-- POST /uploads read all of a family's stored_objects rows (~350 ms on PostgreSQL at 1,000,000 objects). The
-- counters change in the transaction that inserts or deletes a VERIFIED stored object (JdbcMediaFileAdapter);
-- pending slots are still summed from upload_slots on its (family_id, status) index.
ALTER TABLE families ADD COLUMN stored_bytes BIGINT NOT NULL DEFAULT 0;
ALTER TABLE families ADD COLUMN stored_files BIGINT NOT NULL DEFAULT 0;
UPDATE families SET
    stored_bytes = (SELECT COALESCE(SUM(o.size_bytes), 0) FROM stored_objects o
                    WHERE o.family_id = families.id AND o.status = 'VERIFIED'),
    stored_files = (SELECT COUNT(*) FROM stored_objects o
                    WHERE o.family_id = families.id AND o.status = 'VERIFIED');
