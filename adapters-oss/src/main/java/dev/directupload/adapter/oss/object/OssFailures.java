package dev.directupload.adapter.oss.object;

import com.aliyun.oss.OSSErrorCode;
import com.aliyun.oss.OSSException;
import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.domain.shared.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Translates SDK failures at the adapter's edge: nothing from {@code com.aliyun} leaves it. The exception says only
 * which dependency is down (its message reaches API clients); OSS's own error text goes to the log at WARN.
 */
final class OssFailures {

    static final ErrorCode UNAVAILABLE = ErrorCode.STORAGE_UNAVAILABLE;
    static final String MESSAGE = "OSS is unavailable";
    private static final Logger LOG = LoggerFactory.getLogger(OssFailures.class);

    private OssFailures() {}

    static boolean isNoSuchKey(OSSException e) {
        return OSSErrorCode.NO_SUCH_KEY.equals(e.getErrorCode());
    }

    static DependencyUnavailableException unavailable(String what, RuntimeException e) {
        if (e instanceof OSSException oss) {
            LOG.warn(
                    "OSS {} failed: {} {} (request id {})",
                    what,
                    oss.getErrorCode(),
                    oss.getErrorMessage(),
                    oss.getRequestId());
        } else {
            LOG.warn("OSS {} failed: {}", what, e.toString());
        }
        return new DependencyUnavailableException(UNAVAILABLE, MESSAGE, e);
    }
}
