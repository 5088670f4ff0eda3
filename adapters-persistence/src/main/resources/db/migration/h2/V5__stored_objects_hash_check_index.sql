-- The hash check on H2 (StoredObjectRepository.H2.findVerifiedMd5s) looks each asked md5 up in this index and
-- reads no row: the index holds every column the query needs. V2's (md5, family_id) index stays for the queries
-- that read whole rows: without V2's index, H2 plans "family_id = ? AND md5 IN (...)" on the primary key, a scan
-- of the whole family. (Version 4 is skipped: an earlier, reverted covering index used it during development.)
CREATE INDEX ix_stored_objects_md5_status ON stored_objects (md5, family_id, status);
