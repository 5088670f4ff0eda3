/**
 * OSS V4 signing as the local store needs it: the access key, the V4 signature chain, POST policy documents read and
 * enforced, presigned URLs signed and checked.
 */
package dev.directupload.adapter.localstorage.signing;
