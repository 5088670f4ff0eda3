package dev.directupload.application.port.out.storage;

import dev.directupload.domain.upload.UploadId;
import java.net.URI;
import java.util.Objects;

/**
 * Asks a form to make the storage call the service back once the object is stored (OSS's upload callback): a
 * {@code callback} field the policy pins, posting {@link #BODY_TEMPLATE} as JSON to {@code url}, with the upload id
 * as the custom variable {@link #UPLOAD_ID_VARIABLE} (a form field the policy pins too).
 *
 * @param url where the storage posts the callback ({@code oss.callback.url})
 * @param upload the upload slot the form belongs to
 */
public record UploadCallbackRequest(URI url, UploadId upload) {

    /** The custom variable, and form field, carrying the upload id. */
    public static final String UPLOAD_ID_VARIABLE = "x:upload_id";

    /** The JSON field of the callback body that carries the upload id. */
    public static final String UPLOAD_ID_FIELD = "upload_id";

    /** The JSON field of the callback body that carries the stored object's key. */
    public static final String OBJECT_FIELD = "object";

    /**
     * The callback body: OSS replaces each {@code ${...}} by the JSON value of that variable
     * ({@code callbackBodyType: application/json}).
     */
    public static final String BODY_TEMPLATE = "{\"bucket\":${bucket},\"" + OBJECT_FIELD + "\":${object},"
            + "\"etag\":${etag},\"size\":${size},\"mime_type\":${mimeType},\"" + UPLOAD_ID_FIELD + "\":${"
            + UPLOAD_ID_VARIABLE + "}}";

    /** The body type the storage posts. */
    public static final String BODY_TYPE = "application/json";

    public UploadCallbackRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(upload, "upload");
        requireCallbackUrl(url);
    }

    /** An absolute http(s) URL with a host and nothing a JSON string or a header could be broken with. */
    public static URI requireCallbackUrl(URI url) {
        String scheme = url.getScheme();
        if (!("https".equals(scheme) || "http".equals(scheme))
                || url.getHost() == null
                || url.getRawFragment() != null) {
            throw new IllegalArgumentException(
                    "oss.callback.url must be an absolute http(s) URL without a fragment, was " + url);
        }
        String text = url.toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == ';') {
                throw new IllegalArgumentException("oss.callback.url must be URL-encoded ASCII (OSS reads ';' as a "
                        + "separator of several URLs), was " + url);
            }
        }
        return url;
    }
}
