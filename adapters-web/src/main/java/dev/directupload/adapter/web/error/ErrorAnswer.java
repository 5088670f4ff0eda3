package dev.directupload.adapter.web.error;

/** An error body: carries the request's id once the request-id filter has stamped it. */
public interface ErrorAnswer {

    /** This body with {@code request_id} set. */
    ErrorAnswer withRequestId(String requestId);
}
