package dev.directupload.domain.media;

import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.InvalidValueException;
import java.util.Locale;
import java.util.regex.Pattern;

/** MD5 of a file's bytes as 32 lower-case hex characters; upper case is accepted and normalised. */
public record ContentHash(String md5) {

    private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");

    public ContentHash {
        if (md5 == null || !HEX32.matcher(md5).matches()) {
            throw new InvalidValueException(ErrorCode.INVALID_MD5, "md5 must be exactly 32 hexadecimal characters");
        }
        md5 = md5.toLowerCase(Locale.ROOT);
    }

    public static ContentHash ofMd5(String md5) {
        return new ContentHash(md5);
    }

    /** The first two hex characters: the fan-out directory of content-addressed keys. */
    public String shard() {
        return md5.substring(0, 2);
    }

    @Override
    public String toString() {
        return md5;
    }
}
