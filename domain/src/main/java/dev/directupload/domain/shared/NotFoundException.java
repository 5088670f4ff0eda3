package dev.directupload.domain.shared;

/** Does not exist, or is not visible to the caller (no existence leak). Maps to 404. */
public class NotFoundException extends DomainException {

    public NotFoundException(ErrorCode code, String message) {
        super(code, message);
    }
}
