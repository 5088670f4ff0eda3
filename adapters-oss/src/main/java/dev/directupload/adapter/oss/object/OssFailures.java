package dev.directupload.adapter.oss.object;

import com.aliyun.oss.OSSErrorCode;
import com.aliyun.oss.OSSException;
import dev.directupload.application.shared.DependencyUnavailableException;
import dev.directupload.domain.shared.ErrorCode;

/** Translates SDK failures at the adapter's edge: nothing from {@code com.aliyun} leaves it. */
final class OssFailures {

    static final ErrorCode UNAVAILABLE = ErrorCode.STORAGE_UNAVAILABLE;

    private OssFailures() {}

    static boolean isNoSuchKey(OSSException e) {
        return OSSErrorCode.NO_SUCH_KEY.equals(e.getErrorCode());
    }

    static DependencyUnavailableException unavailable(String what, RuntimeException e) {
        String code = e instanceof OSSException oss
                ? oss.getErrorCode()
                : e.getClass().getSimpleName();
        return new DependencyUnavailableException(UNAVAILABLE, "OSS " + what + " failed: " + code, e);
    }
}
