package dev.directupload.domain.shared;

/** The caller can see the resource but may not do this to it. Maps to 403. */
public class ForbiddenException extends DomainException {

    public ForbiddenException(ErrorCode code, String message) {
        super(code, message);
    }
}
