package dev.directupload.application.service.compat;

import dev.directupload.application.port.in.compat.PrefixPolicy;
import dev.directupload.application.port.in.compat.SignPrefixPolicyUseCase;
import dev.directupload.application.port.out.album.LoadAlbumPort;
import dev.directupload.application.port.out.family.FamilyUsagePort;
import dev.directupload.application.port.out.family.LoadMembershipPort;
import dev.directupload.application.port.out.storage.KeyCondition;
import dev.directupload.application.port.out.storage.SignUploadFormPort;
import dev.directupload.application.port.out.storage.SizeRange;
import dev.directupload.application.port.out.storage.UploadFormRequest;
import dev.directupload.application.service.access.FamilyAccess;
import dev.directupload.application.service.access.RecentAnswers;
import dev.directupload.application.service.media.UploadSettings;
import dev.directupload.domain.album.Album;
import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.family.Membership;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.shared.ErrorCode;
import dev.directupload.domain.shared.ForbiddenException;
import dev.directupload.domain.storage.KeyPrefix;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Signs the article-compatible prefix policy: {@code starts-with} the caller's incoming prefix, 1 byte up to
 * the largest allowed size, no content type pinned (the article's client sends none; {@code /photos}
 * checks the stored type instead).
 *
 * <p>{@link #signFromRecentAnswers} signs only from those recent answers and cached credentials, so that the web
 * layer can answer on its event loop and hand only the rest to a thread that may block.
 *
 * <p>The hot path of direct uploads: the membership, the album and the family's usage are answers at most
 * {@link #MAX_STALENESS} old ({@link RecentAnswers}, bounded), so a removed member gets no signature later than that
 * after the removal, and a full family none later than that after it filled up.
 */
public final class SignPrefixPolicyService implements SignPrefixPolicyUseCase {

    /** How old a membership, album or usage answer may be when a policy is signed with it. */
    public static final Duration MAX_STALENESS = Duration.ofSeconds(2);
    /** How many answers of each kind are kept. */
    static final int CAPACITY = 10_000;

    private final FamilyAccess access;
    private final FamilyAccess recentAccess;
    private final RecentAnswers<FamilyId, FamilyUsagePort.Usage> usage;
    private final FamilyUsagePort usagePort;
    private final SignUploadFormPort signer;
    private final UploadSettings settings;

    public SignPrefixPolicyService(
            LoadMembershipPort memberships,
            LoadAlbumPort albums,
            FamilyUsagePort usage,
            SignUploadFormPort signer,
            UploadSettings settings,
            Clock clock) {
        RecentAnswers<Member, Membership> members = new RecentAnswers<>(MAX_STALENESS, CAPACITY, clock);
        RecentAnswers<AlbumId, Album> recentAlbums = new RecentAnswers<>(MAX_STALENESS, CAPACITY, clock);
        this.access = new FamilyAccess(
                (family, user) ->
                        members.get(new Member(family, user), m -> memberships.findMembership(m.family(), m.user())),
                id -> recentAlbums.get(id, albums::findAlbum));
        this.recentAccess = new FamilyAccess(
                (family, user) -> members.get(new Member(family, user), SignPrefixPolicyService::notAtHand),
                id -> recentAlbums.get(id, SignPrefixPolicyService::notAtHand));
        this.usage = new RecentAnswers<>(MAX_STALENESS, CAPACITY, clock);
        this.usagePort = usage;
        this.signer = signer;
        this.settings = settings;
    }

    @Override
    public PrefixPolicy sign(UserId caller, FamilyId family, AlbumId album) {
        access.requireAlbumIn(album, family, caller);
        FamilyUsagePort.Usage used =
                usage.get(family, f -> Optional.of(usagePort.usage(f))).orElseThrow();
        requireRoom(used);
        KeyPrefix prefix = KeyPrefix.incoming(family, caller);
        return new PrefixPolicy(prefix, signer.sign(formRequest(family, prefix)));
    }

    @Override
    public Optional<PrefixPolicy> signFromRecentAnswers(UserId caller, FamilyId family, AlbumId album) {
        try {
            recentAccess.requireAlbumIn(album, family, caller);
            requireRoom(usage.get(family, SignPrefixPolicyService::notAtHand).orElseThrow());
        } catch (NotAtHand lookupNeeded) {
            return Optional.empty();
        }
        KeyPrefix prefix = KeyPrefix.incoming(family, caller);
        return signer.signWithoutWaiting(formRequest(family, prefix)).map(form -> new PrefixPolicy(prefix, form));
    }

    private void requireRoom(FamilyUsagePort.Usage used) {
        if (settings.quota().isReachedBy(used.bytes(), used.files())) {
            throw new ForbiddenException(
                    ErrorCode.QUOTA_EXCEEDED,
                    "this family has reached its storage quota (" + used.bytes() + " bytes, " + used.files()
                            + " files); delete photos to make room");
        }
    }

    private UploadFormRequest formRequest(FamilyId family, KeyPrefix prefix) {
        return new UploadFormRequest(
                family,
                new KeyCondition.Prefix(prefix),
                SizeRange.upTo(settings.rules().largestAllowedSize()),
                Set.of(),
                settings.rules().policyTtl());
    }

    /** The lookup of {@link #signFromRecentAnswers}: there is no recent answer, and it must not look one up. */
    private static <K, V> Optional<V> notAtHand(K key) {
        throw NotAtHand.INSTANCE;
    }

    private record Member(FamilyId family, UserId user) {}

    /** Thrown, without a stack trace, where an answer would have to be looked up. */
    private static final class NotAtHand extends RuntimeException {
        static final NotAtHand INSTANCE = new NotAtHand();

        private NotAtHand() {
            super("no recent answer", null, false, false);
        }
    }
}
