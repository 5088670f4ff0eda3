package dev.directupload.application.port.out.storage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing.
 *
 * @param objects the objects of the page that matched, in key order
 * @param next where to go on from; empty when the listing has looked at every key under the prefix
 */
public record ObjectPage(List<ListedObject> objects, Optional<ListingCursor> next) {

    public ObjectPage {
        objects = List.copyOf(objects);
        Objects.requireNonNull(next, "next");
    }
}
