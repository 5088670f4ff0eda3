package dev.directupload.application.port.in.photo;

import java.util.List;
import java.util.Optional;

/** One page of an album, newest first, with the cursor of the next page when there is one. */
public record PhotoPage(List<Photo> items, Optional<String> nextCursor) {

    public PhotoPage {
        items = List.copyOf(items);
    }
}
