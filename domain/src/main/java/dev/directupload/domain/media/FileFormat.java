package dev.directupload.domain.media;

import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The file formats the service knows: MIME type, media type, the file-name extensions that may carry it
 * and the canonical extension used in object keys. The MIME type is never inferred from a name alone.
 */
public enum FileFormat {
    JPEG("image/jpeg", MediaType.IMAGE, "jpg", "jpeg"),
    PNG("image/png", MediaType.IMAGE, "png"),
    GIF("image/gif", MediaType.IMAGE, "gif"),
    WEBP("image/webp", MediaType.IMAGE, "webp"),
    HEIC("image/heic", MediaType.IMAGE, "heic"),
    HEIF("image/heif", MediaType.IMAGE, "heif"),
    MP4("video/mp4", MediaType.VIDEO, "mp4"),
    MOV("video/quicktime", MediaType.VIDEO, "mov");

    private final String contentType;
    private final MediaType mediaType;
    private final List<String> extensions;

    FileFormat(String contentType, MediaType mediaType, String... extensions) {
        this.contentType = contentType;
        this.mediaType = mediaType;
        this.extensions = List.of(extensions);
    }

    public String contentType() {
        return contentType;
    }

    public MediaType mediaType() {
        return mediaType;
    }

    /** The extension used in object keys, the same whatever the client named the file. */
    public String canonicalExtension() {
        return extensions.get(0);
    }

    public boolean acceptsExtension(String extension) {
        return extensions.contains(extension.toLowerCase(Locale.ROOT));
    }

    /**
     * The known format of a MIME type (parameters such as {@code ;charset} ignored, case-insensitive). A type with
     * control characters (a trailing NUL, a CR LF and a smuggled header) is no known format.
     */
    public static Optional<FileFormat> ofContentType(String contentType) {
        if (contentType == null || contentType.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        String bare = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.contentType.equals(bare)).findFirst();
    }

    /**
     * The format of a declared MIME type whose file name's extension agrees with it.
     *
     * @throws InvalidValueException {@code type_not_allowed} for an unknown type, or an extension that
     *     does not belong to the declared type
     */
    public static FileFormat of(String contentType, FileName fileName) {
        FileFormat format = ofContentType(contentType)
                .orElseThrow(() -> new InvalidValueException(
                        ErrorCode.TYPE_NOT_ALLOWED,
                        "type '" + contentType + "' is not an allowed image or video type"));
        String extension = fileName.extension()
                .orElseThrow(() -> new InvalidValueException(
                        ErrorCode.TYPE_NOT_ALLOWED, "name '" + fileName.value() + "' has no extension"));
        if (!format.acceptsExtension(extension)) {
            throw new InvalidValueException(
                    ErrorCode.TYPE_NOT_ALLOWED,
                    "extension '." + extension + "' does not match type " + format.contentType);
        }
        return format;
    }
}
