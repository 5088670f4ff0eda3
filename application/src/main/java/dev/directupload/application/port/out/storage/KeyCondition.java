package dev.directupload.application.port.out.storage;

import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import java.util.Objects;

/** Which keys an upload form may write: exactly one ({@code eq $key}) or any under a prefix ({@code starts-with}). */
public sealed interface KeyCondition {

    /** The key, or the prefix, as it appears in the policy condition. */
    String value();

    record Exact(ObjectKey key) implements KeyCondition {
        public Exact {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String value() {
            return key.value();
        }
    }

    record Prefix(KeyPrefix prefix) implements KeyCondition {
        public Prefix {
            Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public String value() {
            return prefix.value();
        }
    }
}
