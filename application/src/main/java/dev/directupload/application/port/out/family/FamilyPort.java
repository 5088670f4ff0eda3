package dev.directupload.application.port.out.family;

import dev.directupload.domain.family.Family;
import dev.directupload.domain.family.FamilyId;
import java.util.Optional;

/** Stores families. */
public interface FamilyPort {

    void saveFamily(Family family);

    Optional<Family> findFamily(FamilyId id);
}
