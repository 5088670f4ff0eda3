package dev.directupload.adapter.localstorage.http;

import dev.directupload.adapter.localstorage.error.OssRejection;

/** The XML bodies OSS answers: {@code <Error>} and the 201 {@code <PostResponse>}. */
final class OssXml {

    private OssXml() {}

    static String error(OssRejection rejection, String requestId, String hostId) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n"
                + "  <Code>" + escape(rejection.error().code()) + "</Code>\n"
                + "  <Message>" + escape(rejection.getMessage()) + "</Message>\n"
                + "  <RequestId>" + escape(requestId) + "</RequestId>\n"
                + "  <HostId>" + escape(hostId) + "</HostId>\n"
                + "</Error>\n";
    }

    static String postResponse(String bucket, String location, String key, String etag) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PostResponse>\n"
                + "  <Bucket>" + escape(bucket) + "</Bucket>\n"
                + "  <Location>" + escape(location) + "</Location>\n"
                + "  <Key>" + escape(key) + "</Key>\n"
                + "  <ETag>" + escape(etag) + "</ETag>\n"
                + "</PostResponse>\n";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? '?' : c);
            }
        }
        return out.toString();
    }
}
