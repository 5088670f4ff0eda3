/** The local store's HTTP face, as OSS answers it: PostObject streamed to disk, presigned GET/HEAD, XML errors. */
package dev.directupload.adapter.localstorage.http;
