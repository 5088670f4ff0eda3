package dev.directupload.application.service.family;

import dev.directupload.application.port.in.family.CreateInviteUseCase;
import dev.directupload.application.port.out.family.InvitePort;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.family.Invite;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.ForbiddenException;
import java.time.Clock;

/** Issues an invite to a family; owners only. */
public final class CreateInviteService implements CreateInviteUseCase {

    private final InvitePort invites;
    private final FamilyAccess access;
    private final Clock clock;

    public CreateInviteService(InvitePort invites, FamilyAccess access, Clock clock) {
        this.invites = invites;
        this.access = access;
        this.clock = clock;
    }

    @Override
    public Invite create(UserId caller, FamilyId familyId) {
        if (!access.requireMember(familyId, caller).isOwner()) {
            throw new ForbiddenException(ErrorCode.NOT_FAMILY_OWNER, "only an owner of this family can invite");
        }
        Invite invite = Invite.issue(familyId, caller, clock.instant());
        invites.saveInvite(invite);
        return invite;
    }
}
