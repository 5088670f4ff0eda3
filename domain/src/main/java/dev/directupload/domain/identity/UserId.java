package dev.directupload.domain.identity;

import dev.directupload.domain.shared.Identifiers;

/** Opaque id of a user. */
public record UserId(String value) {

    public UserId {
        Identifiers.require("user_id", value);
    }

    public static UserId newId() {
        return new UserId(Identifiers.random("u_"));
    }

    @Override
    public String toString() {
        return value;
    }
}
