-- H2 turns "family_id = ? AND md5 IN (...)" into a scan of the whole family on the primary key
-- (family_id, md5, size_bytes): it uses an IN list as an index condition only on an index's first column.
-- With 1,000,000 objects in a family a 1000-hash check took ~40 s. This index starts with md5, so the
-- IN list is looked up directly. PostgreSQL and MariaDB use the primary key for the same query.
CREATE INDEX ix_stored_objects_md5 ON stored_objects (md5, family_id);
