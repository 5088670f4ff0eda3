package dev.directupload.application.port.in.family;

import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.family.Invite;
import dev.directupload.domain.identity.UserId;

/** Issues an invite to a family; owners only. */
public interface CreateInviteUseCase {

    Invite create(UserId caller, FamilyId family);
}
