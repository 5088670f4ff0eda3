package dev.directupload.adapter.persistence.album;

import io.micronaut.core.annotation.Introspected;

/** An album row with the number of photos it holds. */
@Introspected
record AlbumSummaryRow(String id, String familyId, String name, long createdAt, long photoCount) {}
