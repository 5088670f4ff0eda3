package dev.directupload.application.port.in.compat;

import dev.directupload.domain.media.ContentHash;
import java.util.List;

/** Which of the asked hashes the family already stores (verified), in request order, and which not. */
public record HashCheck(List<ContentHash> existing, List<ContentHash> missing) {

    public HashCheck {
        existing = List.copyOf(existing);
        missing = List.copyOf(missing);
    }
}
