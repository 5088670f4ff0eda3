-- The hash check (POST /hash/check) asks which of up to 1000 md5s a family stores verified. With md5, family_id
-- and status in one index H2 answers it from the index alone instead of one more table page per found hash (issue
-- 14: ~30 ms instead of ~50 ms for 1000 hashes at 1,000,000 objects). It replaces V2's (md5, family_id) index,
-- which it serves as well. PostgreSQL and MariaDB answer from the primary key (family_id, md5, size_bytes).
DROP INDEX ix_stored_objects_md5;
CREATE INDEX ix_stored_objects_md5 ON stored_objects (md5, family_id, status, size_bytes);
