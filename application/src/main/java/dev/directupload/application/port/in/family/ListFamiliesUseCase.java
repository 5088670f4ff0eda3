package dev.directupload.application.port.in.family;

import dev.directupload.domain.identity.UserId;

/** Lists the caller's families. */
public interface ListFamiliesUseCase {

    java.util.List<FamilyView> list(UserId caller);
}
