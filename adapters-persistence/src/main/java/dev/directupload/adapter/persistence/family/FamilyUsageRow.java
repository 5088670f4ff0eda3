package dev.directupload.adapter.persistence.family;

import io.micronaut.core.annotation.Introspected;

/** What a family's verified objects and pending slots add up to. */
@Introspected
record FamilyUsageRow(long bytes, long files) {}
