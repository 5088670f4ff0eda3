package dev.directupload.application.port.out.family;

import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.family.Membership;
import dev.directupload.domain.identity.UserId;
import java.util.Optional;

/** Looks up whether a user belongs to a family. */
public interface LoadMembershipPort {

    Optional<Membership> findMembership(FamilyId family, UserId user);
}
