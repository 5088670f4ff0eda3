package dev.directupload.application.port.in.family;

import dev.directupload.domain.family.Family;
import dev.directupload.domain.family.Membership;
import dev.directupload.domain.family.Role;
import java.util.List;

/** A family with the caller's role, every member, and its storage use against its quota. */
public record FamilyDetails(Family family, Role role, List<Membership> members, StorageUsage usage) {

    public FamilyDetails {
        members = List.copyOf(members);
    }
}
