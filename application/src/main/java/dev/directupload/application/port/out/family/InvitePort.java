package dev.directupload.application.port.out.family;

import dev.directupload.domain.family.Invite;
import dev.directupload.domain.family.InviteCode;
import java.time.Instant;
import java.util.Optional;

/** Stores invites and counts their uses atomically. */
public interface InvitePort {

    void saveInvite(Invite invite);

    Optional<Invite> findInvite(InviteCode code);

    /** Counts one use if the invite is unexpired at {@code now} and has uses left; false otherwise. */
    boolean tryUse(InviteCode code, Instant now);
}
