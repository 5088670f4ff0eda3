package dev.directupload.adapter.persistence.upload;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code leases}. */
@MappedEntity(value = "leases", escape = false)
record LeaseRow(@Id String name, String holder, long expiresAt) {}
