package dev.directupload.application.port.in.family;

import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.DisplayName;

/** Creates a family whose owner is the caller. */
public interface CreateFamilyUseCase {

    FamilyView create(UserId caller, DisplayName name);
}
