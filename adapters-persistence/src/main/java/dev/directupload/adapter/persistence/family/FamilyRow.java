package dev.directupload.adapter.persistence.family;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code families}. */
@MappedEntity(value = "families", escape = false)
record FamilyRow(@Id String id, String name, long createdAt) {}
