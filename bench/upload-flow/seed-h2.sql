-- Seeds the bench photos on H2 after seed-h2-chunk.sql has stored the objects (both run by run.sh through org.h2.tools.RunScript with the service stopped).
-- @FAMILY@, @ALBUM@, @USER@, @STORED@, @PHOTOS@ are replaced by run.sh. Stored object i has md5("bench-" + i),
-- the same rule UploadFlowBench.java uses; times are microseconds since the epoch, as the schema says.
INSERT INTO media_files (id, album_id, family_id, creator_id, file_name, object_key, key_sha256, file_format,
    size_bytes, md5, captured_at, created_at)
SELECT 'p_bench' || LPAD(CAST(X AS VARCHAR), 8, '0'), '@ALBUM@', s.family_id, '@USER@',
    'IMG_' || X || '.jpg', s.object_key, s.key_sha256, s.file_format, s.size_bytes, s.md5, NULL,
    1764000000000000 + X * 1000000
FROM SYSTEM_RANGE(1, @PHOTOS@)
JOIN stored_objects s ON s.family_id = '@FAMILY@' AND s.md5 = LOWER(RAWTOHEX(HASH('MD5', 'bench-' || X)))
    AND s.size_bytes = 100000 + MOD(X * 7919, 5000000);
ANALYZE;
SELECT COUNT(*) AS stored_objects FROM stored_objects WHERE family_id = '@FAMILY@';
SELECT COUNT(*) AS photos FROM media_files WHERE album_id = '@ALBUM@';
