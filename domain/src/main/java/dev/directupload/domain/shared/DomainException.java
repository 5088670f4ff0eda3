package dev.directupload.domain.shared;

/** Base of every business failure: carries a stable snake_case code that the web edge maps to a status. */
public abstract class DomainException extends RuntimeException {

    private final ErrorCode code;

    protected DomainException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
