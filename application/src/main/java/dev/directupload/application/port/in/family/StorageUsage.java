package dev.directupload.application.port.in.family;

/** What a family stores and has reserved (verified objects plus pending uploads), next to its quota. */
public record StorageUsage(long bytes, long files, long maxBytes, long maxFiles) {}
