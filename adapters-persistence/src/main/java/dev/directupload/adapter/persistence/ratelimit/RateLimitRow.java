package dev.directupload.adapter.persistence.ratelimit;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/** A row of {@code rate_limits}: the instant (µs) at which the bucket of {@code bucketKey} is full again. */
@MappedEntity(value = "rate_limits", escape = false)
record RateLimitRow(@Id String bucketKey, long fullAt) {}
