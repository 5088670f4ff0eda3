package dev.directupload.bootstrap;

import dev.directupload.adapter.localstorage.callback.CallbackKey;
import dev.directupload.adapter.oss.callback.OssCallbackVerifier;
import dev.directupload.adapter.web.metrics.CallbackOutcomeCounter;
import dev.directupload.adapter.web.metrics.UploadMetrics;
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
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the upload callback: the use case (only with {@code oss.callback.url}, never on MinIO), the signature check
 * of local mode (only the local store's own key URL is trusted; OSS mode's check, only {@code gosspublic.alicdn.com},
 * comes from adapters-oss), and the outcome hook that counts and logs.
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

    /**
     * Each callback's outcome is counted ({@code directupload_uploads_callbacks_total{outcome}}, by the web adapter's
     * metrics) and logged: refusals at INFO, recorded ones at DEBUG.
     */
    @Singleton
    ReportCallbackOutcomePort callbackOutcomes(UploadMetrics metrics) {
        ReportCallbackOutcomePort counter = new CallbackOutcomeCounter(metrics);
        return outcome -> {
            counter.report(outcome);
            if (outcome == CallbackOutcome.RECORDED || outcome == CallbackOutcome.ALREADY_RECORDED) {
                LOG.debug("upload callback: {}", outcome);
            } else {
                LOG.info("upload callback: {}", outcome);
            }
        };
    }
}
