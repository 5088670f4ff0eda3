package dev.directupload.domain.shared;

/** The current state forbids the change, or the caller should retry later. Maps to 409. */
public class ConflictException extends DomainException {

    public ConflictException(ErrorCode code, String message) {
        super(code, message);
    }
}
