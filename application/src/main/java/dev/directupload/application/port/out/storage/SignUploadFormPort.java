package dev.directupload.application.port.out.storage;

import dev.directupload.application.port.model.UploadForm;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Signs a POST form that lets a client upload straight to storage, within the request's limits only. */
public interface SignUploadFormPort {

    /**
     * @throws IllegalArgumentException when the request asks for what this store's forms cannot express (several
     *     content types on S3, {@code forbidOverwrite} where {@link #canForbidOverwrite()} is false, a callback where
     *     {@link #canCallBack()} is false)
     * @throws dev.directupload.application.shared.DependencyUnavailableException
     *     {@code storage_credentials_unavailable} when no valid signing credentials can be had
     */
    UploadForm sign(UploadFormRequest request);

    /**
     * The form {@link #sign} would sign, when it can be signed from what this adapter holds in memory (cached
     * credentials, static keys): no network call, no wait. Empty when {@link #sign} would have to fetch or wait for
     * something (new temporary credentials, say); the caller then signs with {@link #sign} where it may block.
     *
     * @throws IllegalArgumentException as {@link #sign}
     */
    default Optional<UploadForm> signWithoutWaiting(UploadFormRequest request) {
        return Optional.empty();
    }

    /**
     * The forms of several requests, in their order, as {@link #sign} would sign each: an adapter may derive what
     * the requests share (credentials, signing key, date) once for all of them.
     *
     * @throws IllegalArgumentException as {@link #sign}, for any of the requests (then no form is returned)
     */
    default List<UploadForm> signAll(List<UploadFormRequest> requests) {
        List<UploadForm> forms = new ArrayList<>(requests.size());
        for (UploadFormRequest request : requests) {
            forms.add(sign(request));
        }
        return forms;
    }

    /**
     * True when this store's forms can carry {@code forbidOverwrite} (OSS and the local store): such a form never
     * replaces an existing object. False for S3/MinIO, whose POST forms have no such field: the application then has
     * the form write a slot-unique staging key and promotes verified bytes by {@link CopyObjectPort}. An adapter that
     * answers false refuses ({@link IllegalArgumentException}) a request with {@code forbidOverwrite}.
     */
    default boolean canForbidOverwrite() {
        return false;
    }

    /**
     * True when this store's forms can carry an upload callback (OSS and the local store, which emulates it). False
     * for S3/MinIO, whose POST forms have none: clients call {@code complete} as always. An adapter that answers false
     * refuses ({@link IllegalArgumentException}) a request with a callback.
     */
    default boolean canCallBack() {
        return false;
    }
}
