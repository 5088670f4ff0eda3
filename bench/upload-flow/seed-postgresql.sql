-- Seeds the bench family on PostgreSQL (psql -v family=... album=... user_id=... stored=... photos=...), in the
-- schema named by search_path. Stored object i has md5('bench-' || i), the rule UploadFlowBench.java uses.
INSERT INTO stored_objects (family_id, md5, size_bytes, object_key, key_sha256, file_format, status, created_at,
    verified_at)
SELECT :'family', h, sz, k, encode(sha256(convert_to(k, 'UTF8')), 'hex'), 'JPEG', 'VERIFIED', t, t FROM (
    SELECT h, sz, t, 'families/' || :'family' || '/objects/' || substr(h, 1, 2) || '/' || h || '.jpg' AS k FROM (
        SELECT md5('bench-' || x) AS h, 100000 + (x * 7919) % 5000000 AS sz, 1764000000000000 + x * 1000 AS t
        FROM generate_series(1::bigint, :stored) AS x) a) b;
INSERT INTO media_files (id, album_id, family_id, creator_id, file_name, object_key, key_sha256, file_format,
    size_bytes, md5, captured_at, created_at)
SELECT 'p_bench' || lpad(x::text, 8, '0'), :'album', s.family_id, :'user_id', 'IMG_' || x || '.jpg', s.object_key,
    s.key_sha256, s.file_format, s.size_bytes, s.md5, NULL, 1764000000000000 + x * 1000000
FROM generate_series(1::bigint, :photos) AS x
JOIN stored_objects s ON s.family_id = :'family' AND s.md5 = md5('bench-' || x)
    AND s.size_bytes = 100000 + (x * 7919) % 5000000;
ANALYZE stored_objects;
ANALYZE media_files;
SELECT count(*) AS stored_objects FROM stored_objects WHERE family_id = :'family';
SELECT count(*) AS photos FROM media_files WHERE album_id = :'album';
