/** The OSS error codes the local store answers, with their HTTP status, raised by every part of it. */
package dev.directupload.adapter.localstorage.error;
