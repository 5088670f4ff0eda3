/**
 * The embedded OSS-compatible store (the default {@code storage.provider=local}): its settings and wiring, and the
 * adapters of the application's storage ports; the store itself lives in {@code http}, {@code signing}, {@code disk}.
 */
package dev.directupload.adapter.localstorage;
