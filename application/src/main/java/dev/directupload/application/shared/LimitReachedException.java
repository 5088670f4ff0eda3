package dev.directupload.application.shared;

import dev.directupload.domain.shared.DomainException;
import dev.directupload.domain.shared.ErrorCode;

/** The caller holds as much of a bounded resource as allowed; it may retry once some is freed. Maps to 429. */
public class LimitReachedException extends DomainException {

    public LimitReachedException(ErrorCode code, String message) {
        super(code, message);
    }
}
