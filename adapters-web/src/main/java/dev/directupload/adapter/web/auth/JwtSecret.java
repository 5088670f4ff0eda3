package dev.directupload.adapter.web.auth;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token signing key: {@code auth.jwt.secret} when set; with the local store and no secret, one
 * generated once and kept in {@code auth.jwt.secret-file}; otherwise the settings check has refused the start.
 */
@Context
final class JwtSecret {

    static final int MIN_LENGTH = 32;
    private static final Logger LOG = LoggerFactory.getLogger(JwtSecret.class);

    private final String value;

    /** The settings check has made sure a configured key is long enough and set wherever it is required. */
    JwtSecret(AuthSettings settings, @Value("${storage.provider:local}") String provider) {
        String configured = settings.jwt().secret();
        if (configured != null && !configured.isBlank()) {
            value = configured;
        } else if (AuthSettings.LOCAL.equals(provider)) {
            value = loadOrCreate(settings.jwt().secretFile());
        } else {
            throw new IllegalStateException("auth.jwt.secret is required with storage.provider=" + provider);
        }
    }

    String value() {
        return value;
    }

    private static String loadOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Path parent = file.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                byte[] random = new byte[48];
                new SecureRandom().nextBytes(random);
                Path temp = Files.createTempFile(parent, ".jwt-secret", ".tmp");
                setOwnerOnly(temp);
                Files.writeString(temp, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
                try {
                    Files.move(temp, file);
                    LOG.info("Generated a token signing key in {} (local store; set auth.jwt.secret elsewhere)", file);
                } catch (FileAlreadyExistsException raced) {
                    Files.deleteIfExists(temp);
                }
            }
            String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (stored.length() < MIN_LENGTH) {
                throw new IllegalStateException(file + " holds a key shorter than " + MIN_LENGTH + " characters");
            }
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the token key " + file, e);
        }
    }

    private static void setOwnerOnly(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user profile's ACLs apply.
        }
    }
}
