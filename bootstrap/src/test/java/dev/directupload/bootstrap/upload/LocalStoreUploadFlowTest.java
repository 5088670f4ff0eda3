package dev.directupload.bootstrap.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.bootstrap.support.Api;
import dev.directupload.bootstrap.support.Api.Answer;
import dev.directupload.bootstrap.support.Multipart;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The upload flow on the embedded OSS-compatible store, plus the original article's flow exactly as its client posts. */
@MicronautTest(transactional = false)
class LocalStoreUploadFlowTest extends UploadFlowScenarios {

    @Override
    boolean formsForbidOverwrite() {
        return true;
    }

    @Override
    boolean devLogin() {
        return true;
    }

    @Test
    @SuppressWarnings("unchecked")
    void articleFlow_signatureUploadHashCheckPhotos() throws Exception {
        Api api = api();
        Family f = family("e2e-article");
        byte[] photo = randomBytes(50_000);
        String md5 = Multipart.md5(photo);

        Answer signature =
                api.get("/families/oss/signature?family_id=" + f.familyId() + "&file_path=" + f.albumA(), f.token());
        assertThat(signature.status()).isEqualTo(200);
        assertThat(signature.body())
                .containsKeys(
                        "host",
                        "policy",
                        "signature",
                        "credential",
                        "date",
                        "file_base_path",
                        "signature_version",
                        "expire",
                        "fields");
        String basePath = signature.text("file_base_path");
        assertThat(basePath).isEqualTo("families/" + f.familyId() + "/incoming/" + f.userId());
        String key = basePath + "/" + System.currentTimeMillis() + "_0.jpg";
        var articleForm = new java.util.LinkedHashMap<String, Object>();
        articleForm.put("key", key);
        articleForm.put("policy", signature.text("policy"));
        articleForm.put("x-oss-signature-version", signature.text("signature_version"));
        articleForm.put("x-oss-credential", signature.text("credential"));
        articleForm.put("x-oss-date", signature.text("date"));
        articleForm.put("x-oss-signature", signature.text("signature"));
        // the local store emulates STS: the answer carries a security token, which the article's client always posts
        assertThat(signature.text("security_token")).isNotBlank();
        assertThat(signature.text("credential")).startsWith("STS.");
        articleForm.put("x-oss-security-token", signature.text("security_token"));
        articleForm.put("success_action_status", "200");
        assertThat(Multipart.post(signature.text("host"), articleForm, "p.jpg", photo, null)
                        .status())
                .isEqualTo(200);

        Answer before = api.post("/hash/check", Map.of("family_id", f.familyId(), "hashes", List.of(md5)), f.token());
        assertThat((List<String>) before.body().get("missing")).containsExactly(md5);

        Map<String, Object> item = new java.util.HashMap<>(Map.of(
                "album_id",
                f.albumA(),
                "family_id",
                f.familyId(),
                "file_name",
                "p.jpg",
                "file_path",
                key,
                "object_key",
                key,
                "creator_uid",
                "u_somebody_else",
                "file_type",
                "image",
                "file_size",
                photo.length / 1024,
                "upload_time",
                System.currentTimeMillis(),
                "hash_value",
                md5));
        Answer recorded = api.post("/photos", Map.of("data", List.of(item)), f.token());
        Map<String, Object> result =
                ((List<Map<String, Object>>) recorded.body().get("items")).get(0);
        assertThat(result).containsEntry("status", "created");
        assertThat((Map<String, Object>) result.get("photo"))
                .containsEntry("creator_id", f.userId())
                .containsEntry("content_type", "image/jpeg");

        Answer after = api.post("/hash/check", Map.of("family_id", f.familyId(), "hashes", List.of(md5)), f.token());
        assertThat((List<String>) after.body().get("existing")).containsExactly(md5);
    }
}
