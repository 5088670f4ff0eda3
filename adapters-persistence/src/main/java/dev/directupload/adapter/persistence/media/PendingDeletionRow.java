package dev.directupload.adapter.persistence.media;

import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code pending_deletions}; {@code seq} keeps the order keys were queued in. */
@MappedEntity(value = "pending_deletions", escape = false)
record PendingDeletionRow(@Id @GeneratedValue Long seq, String keySha256, String objectKey, long enqueuedAt) {}
