package dev.directupload.adapter.persistence.album;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code albums}. */
@MappedEntity(value = "albums", escape = false)
record AlbumRow(@Id String id, String familyId, String name, long createdAt) {}
