package dev.directupload.application.port.in.family;

import dev.directupload.domain.family.Family;
import dev.directupload.domain.family.Role;

/** A family as one member sees it: with the member's role. */
public record FamilyView(Family family, Role role) {}
