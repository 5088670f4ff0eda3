package dev.directupload.application.shared;

import dev.directupload.domain.shared.DomainException;
import dev.directupload.domain.shared.ErrorCode;

/** A dependency (STS, storage, WeChat, database) did not answer usefully; the caller may retry. Maps to 503. */
public class DependencyUnavailableException extends DomainException {

    public DependencyUnavailableException(ErrorCode code, String message, Throwable cause) {
        super(code, message);
        if (cause != null) {
            initCause(cause);
        }
    }
}
