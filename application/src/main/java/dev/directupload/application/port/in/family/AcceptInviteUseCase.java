package dev.directupload.application.port.in.family;

import dev.directupload.domain.family.InviteCode;
import dev.directupload.domain.identity.UserId;

/** Joins the family of an invite as a member; accepting again changes nothing. */
public interface AcceptInviteUseCase {

    FamilyView accept(UserId caller, InviteCode code);
}
