package dev.directupload.adapter.web.request;

/** Where a JSON object or array ends, found without parsing its values (the JSON reader judges those). */
final class JsonDocuments {

    private JsonDocuments() {}

    /**
     * True when {@code text} starts (after whitespace) with an object or array that closes before the end of the text
     * and anything but JSON whitespace follows it. False for a text whose first value never closes, or does not start
     * with {@code {} or {@code [}: the JSON reader refuses or reads those on its own.
     */
    static boolean hasContentAfterTheDocument(String text) {
        int i = skipWhitespace(text, 0);
        if (i == text.length() || (text.charAt(i) != '{' && text.charAt(i) != '[')) {
            return false;
        }
        int depth = 0;
        boolean inString = false;
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++; // the escaped character, whatever it is
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return skipWhitespace(text, i + 1) < text.length();
                }
            }
        }
        return false;
    }

    private static int skipWhitespace(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            i++;
        }
        return i;
    }
}
