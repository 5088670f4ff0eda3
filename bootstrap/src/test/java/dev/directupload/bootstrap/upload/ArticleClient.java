package dev.directupload.bootstrap.upload;

import dev.directupload.bootstrap.support.Api;
import dev.directupload.bootstrap.support.Api.Answer;
import dev.directupload.bootstrap.support.Multipart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original article's mini-program client, request for request: {@code uploadFilesToOSS} (one prefix signature,
 * then each file posted with exactly the article's form fields and no Content-Type, then one {@code POST /photos} with
 * the article's item per file) and its 秒传 variant ({@code POST /hash/check} first, only the missing files uploaded).
 * Like the article's client it never reads the storage's answer body; it keeps the statuses for the test to check.
 *
 * <p>The article targets OSS and names its fields {@code x-oss-*}; against S3/MinIO the same client posts the same
 * values under S3's names ({@code x-amz-*}), the only difference between the two form dialects.
 */
final class ArticleClient {

    /** A picked file: its bytes and extension ({@code jpg}, {@code png}, {@code mp4}). */
    record Picked(byte[] bytes, String ext) {
        String md5() {
            return Multipart.md5(bytes);
        }

        /** The article's {@code file_type}. */
        String fileType() {
            return ext.equals("mp4") || ext.equals("mov") ? "video" : "image";
        }
    }

    /** One file as uploaded: where it went, what storage answered, and the /photos item the client made of it. */
    record Uploaded(Picked file, String key, int storageStatus, Map<String, Object> item) {}

    private final Api api;
    private final String token;
    private final String userId;
    private final String familyId;
    private final String albumId;

    ArticleClient(Api api, String token, String userId, String familyId, String albumId) {
        this.api = api;
        this.token = token;
        this.userId = userId;
        this.familyId = familyId;
        this.albumId = albumId;
    }

    /** {@code GET /families/oss/signature?family_id=…&file_path=<album id>}. */
    Answer signature() {
        return api.get("/families/oss/signature?family_id=" + familyId + "&file_path=" + albumId, token);
    }

    /** The article's form for one key: exactly these fields, in this order (the file follows as the last part). */
    static Map<String, Object> form(Answer signature, String key) {
        boolean oss = signature.text("signature_version").startsWith("OSS4");
        String prefix = oss ? "x-oss-" : "x-amz-";
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("key", key);
        form.put("policy", signature.text("policy"));
        form.put(oss ? "x-oss-signature-version" : "x-amz-algorithm", signature.text("signature_version"));
        form.put(prefix + "credential", signature.text("credential"));
        form.put(prefix + "date", signature.text("date"));
        form.put(prefix + "signature", signature.text("signature"));
        if (oss || signature.text("security_token") != null) {
            // the article always sends the token field (OSS with STS); a static-key S3 answer has no token to send
            form.put(prefix + "security-token", signature.text("security_token"));
        }
        form.put("success_action_status", "200");
        return form;
    }

    /** The article's {@code uploadFilesToOSS}: one signature, each file posted in turn, items made for /photos. */
    List<Uploaded> uploadFilesToOss(List<Picked> files) {
        Answer signature = signature();
        if (signature.status() != 200) {
            throw new AssertionError("signature refused: " + signature.status() + " " + signature.body());
        }
        List<Uploaded> uploaded = new ArrayList<>(files.size());
        for (int index = 0; index < files.size(); index++) {
            Picked file = files.get(index);
            String fileName = System.currentTimeMillis() + "_" + index + "." + file.ext();
            String key = signature.text("file_base_path") + "/" + fileName;
            int status = Multipart.post(signature.text("host"), form(signature, key), fileName, file.bytes(), null)
                    .status();
            uploaded.add(new Uploaded(file, key, status, item(file, fileName, key)));
        }
        return uploaded;
    }

    /** The article's /photos item, field by field. */
    Map<String, Object> item(Picked file, String fileName, String key) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("album_id", albumId);
        item.put("family_id", familyId);
        item.put("file_name", fileName);
        item.put("file_path", key);
        item.put("object_key", file.md5());
        item.put("creator_uid", userId);
        item.put("file_type", file.fileType());
        item.put("file_size", (file.bytes().length + 1023) / 1024);
        item.put("upload_time", System.currentTimeMillis());
        item.put("hash_value", file.md5());
        return item;
    }

    /** {@code POST /photos {"data": [...]}}. */
    Answer savePhotos(List<Map<String, Object>> items) {
        return api.post("/photos", Map.of("data", items), token);
    }

    /** {@code POST /hash/check}. */
    Answer hashCheck(List<String> md5s) {
        return api.post("/hash/check", Map.of("family_id", familyId, "hashes", md5s), token);
    }

    /** What one run of the 秒传 variant did. */
    record InstantRun(List<String> existing, List<Uploaded> uploaded, Answer saved) {}

    /**
     * The 秒传 variant: hash every file, ask which the family has, upload only the missing and save those; a run
     * with nothing missing uploads and saves nothing.
     */
    @SuppressWarnings("unchecked")
    InstantRun uploadWithHashCheck(List<Picked> files) {
        Answer check = hashCheck(files.stream().map(Picked::md5).distinct().toList());
        if (check.status() != 200) {
            throw new AssertionError("hash check refused: " + check.status() + " " + check.body());
        }
        List<String> existing = (List<String>) check.body().get("existing");
        List<Picked> missing =
                files.stream().filter(f -> !existing.contains(f.md5())).toList();
        if (missing.isEmpty()) {
            return new InstantRun(existing, List.of(), null);
        }
        List<Uploaded> uploaded = uploadFilesToOss(missing);
        return new InstantRun(
                existing,
                uploaded,
                savePhotos(uploaded.stream().map(Uploaded::item).toList()));
    }
}
