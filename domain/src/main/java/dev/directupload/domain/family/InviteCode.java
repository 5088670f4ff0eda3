package dev.directupload.domain.family;

import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.NotFoundException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** An unguessable invite code: 128 random bits, URL-safe Base64 without padding (22 characters). */
public record InviteCode(String value) {

    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public InviteCode {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new NotFoundException(ErrorCode.INVITE_NOT_FOUND, "no such invite");
        }
    }

    public static InviteCode random() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new InviteCode(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    @Override
    public String toString() {
        return value;
    }
}
