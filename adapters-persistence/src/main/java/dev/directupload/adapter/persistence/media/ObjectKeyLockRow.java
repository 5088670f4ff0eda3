package dev.directupload.adapter.persistence.media;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code object_key_locks}: the lock of one object key. */
@MappedEntity(value = "object_key_locks", escape = false)
record ObjectKeyLockRow(@Id String keySha256) {}
