package dev.directupload.domain.shared;

/** A value broke its rule (bad md5, size, name, key, id...). Maps to 400. */
public class InvalidValueException extends DomainException {

    public InvalidValueException(ErrorCode code, String message) {
        super(code, message);
    }
}
