package dev.directupload.domain.family;

import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.ConflictException;
import dev.directupload.domain.shared.ErrorCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** An invitation to join a family: valid until it expires or has been used {@code maxUses} times. */
public final class Invite {

    public static final Duration DEFAULT_TTL = Duration.ofDays(7);
    public static final int DEFAULT_MAX_USES = 10;

    private final InviteCode code;
    private final FamilyId familyId;
    private final UserId createdBy;
    private final Instant createdAt;
    private final Instant expiresAt;
    private final int maxUses;
    private final int uses;

    private Invite(
            InviteCode code,
            FamilyId familyId,
            UserId createdBy,
            Instant createdAt,
            Instant expiresAt,
            int maxUses,
            int uses) {
        this.code = Objects.requireNonNull(code, "code");
        this.familyId = Objects.requireNonNull(familyId, "familyId");
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        if (maxUses < 1 || uses < 0 || uses > maxUses) {
            throw new IllegalArgumentException("an invite has 1..n uses and has used at most all of them");
        }
        this.maxUses = maxUses;
        this.uses = uses;
    }

    public static Invite issue(FamilyId familyId, UserId createdBy, Instant now) {
        return new Invite(InviteCode.random(), familyId, createdBy, now, now.plus(DEFAULT_TTL), DEFAULT_MAX_USES, 0);
    }

    public static Invite reconstitute(
            InviteCode code,
            FamilyId familyId,
            UserId createdBy,
            Instant createdAt,
            Instant expiresAt,
            int maxUses,
            int uses) {
        return new Invite(code, familyId, createdBy, createdAt, expiresAt, maxUses, uses);
    }

    /**
     * Checks that the invite can still be used at {@code now}.
     *
     * @throws ConflictException {@code invite_expired} or {@code invite_used_up}
     */
    public void requireUsable(Instant now) {
        if (!now.isBefore(expiresAt)) {
            throw new ConflictException(ErrorCode.INVITE_EXPIRED, "this invite expired at " + expiresAt);
        }
        if (uses >= maxUses) {
            throw new ConflictException(ErrorCode.INVITE_USED_UP, "this invite has been used " + maxUses + " times");
        }
    }

    public InviteCode code() {
        return code;
    }

    public FamilyId familyId() {
        return familyId;
    }

    public UserId createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public int maxUses() {
        return maxUses;
    }

    public int uses() {
        return uses;
    }
}
