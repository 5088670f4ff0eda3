/** The local bucket on disk: objects under hashed directories, written atomically, published by their metadata. */
package dev.directupload.adapter.localstorage.disk;
