package dev.directupload.adapter.oss.callback;

import dev.directupload.application.port.out.callback.VerifyCallbackSignaturePort;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** On OSS, upload callbacks are believed only when signed with a key from {@code https://gosspublic.alicdn.com/}. */
@Factory
@Requires(property = "storage.provider", value = "oss")
class OssCallbackFactory {

    @Singleton
    VerifyCallbackSignaturePort ossCallbackSignatures() {
        return OssCallbackVerifier.forOss(new HttpsPublicKeySource());
    }
}
