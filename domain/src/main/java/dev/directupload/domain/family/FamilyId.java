package dev.directupload.domain.family;

import dev.directupload.domain.shared.Identifiers;

/** Opaque id of a family. */
public record FamilyId(String value) {

    public FamilyId {
        Identifiers.require("family_id", value);
    }

    public static FamilyId newId() {
        return new FamilyId(Identifiers.random("f_"));
    }

    @Override
    public String toString() {
        return value;
    }
}
