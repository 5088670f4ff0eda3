package dev.directupload.application.port.in.family;

import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;

/** Shows one of the caller's families with its members. */
public interface GetFamilyUseCase {

    FamilyDetails get(UserId caller, FamilyId family);
}
