package dev.directupload.adapter.web.request;

import dev.directupload.adapter.web.error.ErrorBody;
import dev.directupload.domain.shared.ErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * API bodies are small JSON documents: a request declaring more than {@code api.max-body-size} (1 MB by
 * default) is refused with 413 before its body is read. The server-wide {@code max-request-size} stays
 * high only for the local store's streamed uploads under {@code /local-oss}, which this filter skips.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ApiBodyLimitFilter {

    private final long maxBodyBytes;

    ApiBodyLimitFilter(ApiSettings settings) {
        this.maxBodyBytes = settings.maxBodySize();
    }

    @RequestFilter
    @Nullable
    HttpResponse<ErrorBody> limit(HttpRequest<?> request) {
        if (request.getPath().startsWith("/local-oss/")) {
            return null;
        }
        long declared = request.getContentLength();
        if (declared > maxBodyBytes) {
            return HttpResponse.<ErrorBody>status(HttpStatus.REQUEST_ENTITY_TOO_LARGE)
                    .body(new ErrorBody(
                            ErrorCode.REQUEST_TOO_LARGE,
                            "request body of " + declared + " bytes exceeds " + maxBodyBytes));
        }
        return null;
    }
}
