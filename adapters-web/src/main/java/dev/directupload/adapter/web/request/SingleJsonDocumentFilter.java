package dev.directupload.adapter.web.request;

import dev.directupload.adapter.web.error.ErrorBody;
import dev.directupload.domain.shared.ErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * A JSON body is one document and nothing after it: {@code {"name":"x"} xyz} or two documents are refused with 400
 * {@code invalid_request} before any controller runs (the JSON reader stops after the first value and would act on
 * it). Only the API's JSON routes are matched, never the local store's streamed uploads nor the upload callback.
 */
@ServerFilter(
        patterns = {
            "/auth/**",
            "/families",
            "/families/**",
            "/albums/**",
            "/uploads",
            "/uploads/**",
            "/photos",
            "/hash/**",
            "/invites/**"
        },
        methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH})
final class SingleJsonDocumentFilter {

    @RequestFilter
    @Nullable
    HttpResponse<ErrorBody> check(HttpRequest<?> request, @Nullable @Body String body) {
        boolean json = request.getContentType()
                .map(type -> type.matches(MediaType.APPLICATION_JSON_TYPE))
                .orElse(false);
        if (!json || body == null || !JsonDocuments.hasContentAfterTheDocument(body)) {
            return null;
        }
        return HttpResponse.<ErrorBody>status(HttpStatus.BAD_REQUEST)
                .body(new ErrorBody(
                        ErrorCode.INVALID_REQUEST, "the body must be one JSON document with nothing after it"));
    }
}
