package dev.directupload.bootstrap;

import dev.directupload.adapter.localstorage.callback.CallbackKey;
import dev.directupload.adapter.oss.callback.OssCallbackVerifier;
import dev.directupload.application.port.out.callback.CallbackOutcome;
import dev.directupload.application.port.out.callback.ReportCallbackOutcomePort;
import dev.directupload.application.port.out.callback.VerifyCallbackSignaturePort;
import dev.directupload.application.port.out.media.LoadMediaFilePort;
import dev.directupload.application.port.out.upload.LoadUploadSlotPort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.application.service.media.PhotoUrls;
import dev.directupload.application.service.media.UploadRecorder;
import dev.directupload.application.service.upload.ReceiveUploadCallbackService;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the upload callback: the use case (only with {@code oss.callback.url}, never on MinIO), the signature check
 * of local mode (only the local store's own key URL is trusted; OSS mode's check, only {@code gosspublic.alicdn.com},
 * comes from adapters-oss), and a default outcome hook that logs.
 */
@Factory
class CallbackFactory {

    private static final Logger LOG = LoggerFactory.getLogger("dev.directupload.callback");

    @Singleton
    @Requires(property = "oss.callback.url")
    @Requires(property = "storage.provider", notEquals = "minio")
    ReceiveUploadCallbackService receiveUploadCallback(
            VerifyCallbackSignaturePort signatures,
            LoadUploadSlotPort slots,
            LoadMediaFilePort mediaFiles,
            FamilyAccess access,
            UploadRecorder recorder,
            PhotoUrls photoUrls,
            ReportCallbackOutcomePort outcomes) {
        return new ReceiveUploadCallbackService(signatures, slots, mediaFiles, access, recorder, photoUrls, outcomes);
    }

    /** In local mode a callback is believed only when it names the local store's key URL, and signed with its key. */
    @Singleton
    @Requires(property = "storage.provider", value = "local", defaultValue = "local")
    VerifyCallbackSignaturePort localCallbackSignatures(CallbackKey key) {
        return new OssCallbackVerifier(url -> url.equals(key.publicKeyUrl()), url -> key.publicKeyPem(), 1);
    }

    /** Logs each callback's outcome; a metrics adapter may replace it with a bean of its own. */
    @Singleton
    @Secondary
    ReportCallbackOutcomePort loggedCallbackOutcomes() {
        return outcome -> {
            if (outcome == CallbackOutcome.RECORDED || outcome == CallbackOutcome.ALREADY_RECORDED) {
                LOG.debug("upload callback: {}", outcome);
            } else {
                LOG.info("upload callback: {}", outcome);
            }
        };
    }
}
