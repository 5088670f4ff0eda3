package dev.directupload.application.port.out.family;

import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.family.Membership;
import dev.directupload.domain.identity.UserId;
import java.util.List;

/** Changes and lists memberships (reads of one membership go through {@link LoadMembershipPort}). */
public interface MembershipPort extends LoadMembershipPort {

    /** Adds the membership unless the user is already a member; returns the membership that holds now. */
    Membership saveIfAbsent(Membership membership);

    /** Members of a family, oldest first. */
    List<Membership> listMembers(FamilyId family);

    /** The user's memberships, oldest first. */
    List<Membership> listMemberships(UserId user);

    /**
     * Removes a membership unless it is the family's last owner's; atomic with respect to other removals.
     *
     * @return false when the removal would leave the family without an owner (nothing changed)
     */
    boolean deleteUnlessLastOwner(FamilyId family, UserId user);
}
