/** The local store's emulation of OSS's upload callback: its RSA key, the callback it parses, renders and posts. */
package dev.directupload.adapter.localstorage.callback;
