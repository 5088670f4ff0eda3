package dev.directupload.application.port.out.callback;

/** What checking an upload callback's signature found. */
public enum CallbackSignature {
    /** Signed by the storage's own key, over exactly this path, query and body. */
    VALID,
    /** The {@code authorization} or {@code x-oss-pub-key-url} header is missing. */
    MISSING,
    /** The public key URL is not one this service trusts: nothing was fetched. */
    UNTRUSTED_KEY,
    /** The signature does not match (tampered, or signed by another key), or a header is malformed. */
    INVALID
}
