INSERT INTO stored_objects (family_id, md5, size_bytes, object_key, key_sha256, file_format, status, created_at,
    verified_at)
SELECT '@FAMILY@', h, sz, k, LOWER(RAWTOHEX(HASH('SHA-256', k))), 'JPEG', 'VERIFIED', t, t FROM (
    SELECT h, sz, t, 'families/@FAMILY@/objects/' || SUBSTRING(h, 1, 2) || '/' || h || '.jpg' AS k FROM (
        SELECT LOWER(RAWTOHEX(HASH('MD5', 'bench-' || X))) AS h, 100000 + MOD(X * 7919, 5000000) AS sz,
            1764000000000000 + X * 1000 AS t
        FROM SYSTEM_RANGE(@FROM@, @TO@)));
COMMIT;
