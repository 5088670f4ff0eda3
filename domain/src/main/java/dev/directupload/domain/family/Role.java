package dev.directupload.domain.family;

/** A member's role in a family. Owners manage members and invites. */
public enum Role {
    OWNER,
    MEMBER
}
