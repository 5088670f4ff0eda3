package dev.directupload.application.contract.storage;

/**
 * How a store's POST form names its signature fields: the same meanings, OSS V4 or S3 SigV4 names.
 *
 * @param algorithm the value of {@code algorithmField}
 */
public record FormVocabulary(
        String algorithmField,
        String credentialField,
        String dateField,
        String signatureField,
        String securityTokenField,
        String algorithm) {

    /** OSS V4 POST (Alibaba OSS and the local store). */
    public static final FormVocabulary OSS_V4 = new FormVocabulary(
            "x-oss-signature-version",
            "x-oss-credential",
            "x-oss-date",
            "x-oss-signature",
            "x-oss-security-token",
            "OSS4-HMAC-SHA256");

    /** S3 SigV4 POST (MinIO and any S3-compatible store). */
    public static final FormVocabulary S3_SIGV4 = new FormVocabulary(
            "x-amz-algorithm",
            "x-amz-credential",
            "x-amz-date",
            "x-amz-signature",
            "x-amz-security-token",
            "AWS4-HMAC-SHA256");
}
