package dev.directupload.application.port.in.family;

import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;

/** Removes a member (owners), or the caller leaves; the last owner stays. */
public interface RemoveMemberUseCase {

    void remove(UserId caller, FamilyId family, UserId member);
}
