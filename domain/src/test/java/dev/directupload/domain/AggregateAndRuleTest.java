package dev.directupload.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.directupload.domain.album.Album;
import dev.directupload.domain.family.Family;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.family.Membership;
import dev.directupload.domain.family.Role;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.media.FileName;
import dev.directupload.domain.media.MediaFile;
import dev.directupload.domain.media.MediaFileId;
import dev.directupload.domain.media.Placement;
import dev.directupload.domain.shared.ConflictException;
import dev.directupload.domain.shared.DisplayName;
import dev.directupload.domain.shared.InvalidValueException;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.storage.StoredObject;
import dev.directupload.domain.storage.StoredObjectStatus;
import dev.directupload.domain.upload.DedupeDecision;
import dev.directupload.domain.upload.DedupeRule;
import dev.directupload.domain.upload.UploadPolicyRules;
import dev.directupload.domain.upload.UploadSlot;
import dev.directupload.domain.upload.UploadSlotStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AggregateAndRuleTest {

    static final Instant NOW = Instant.parse("2026-11-29T19:00:00Z");
    static final FamilyId FAMILY = new FamilyId("f_1");
    static final FamilyId OTHER_FAMILY = new FamilyId("f_2");
    static final UserId ALICE = new UserId("u_alice");
    static final ContentHash HASH = new ContentHash("9e107d9d372bb6826bd81d3542a419d6");
    static final ByteSize SIZE = ByteSize.ofBytes(2481337);
    static final FileContent CONTENT = new FileContent(HASH, SIZE);

    static StoredObject verified(FamilyId family, ByteSize size) {
        return StoredObject.verified(
                family,
                new FileContent(HASH, size),
                ObjectKey.forContent(family, HASH, FileFormat.JPEG),
                FileFormat.JPEG,
                NOW);
    }

    static String code(Throwable e) {
        return ((dev.directupload.domain.shared.DomainException) e).code().wireName();
    }

    @Nested
    class Families {

        @Test
        void create_givesANewIdAndKeepsTheName() {
            Family family = Family.create(new DisplayName("Wang family"), NOW);
            assertThat(family.id().value()).startsWith("f_");
            assertThat(family.name().value()).isEqualTo("Wang family");
            assertThat(family.createdAt()).isEqualTo(NOW);
        }

        @Test
        void membership_knowsItsOwner() {
            assertThat(new Membership(FAMILY, ALICE, Role.OWNER, NOW).isOwner()).isTrue();
            assertThat(new Membership(FAMILY, ALICE, Role.MEMBER, NOW).isOwner())
                    .isFalse();
            assertThatThrownBy(() -> new Membership(FAMILY, ALICE, null, NOW)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void album_belongsToItsFamily_andRenameKeepsIdentity() {
            Album album = Album.create(FAMILY, new DisplayName("2026 春节"), NOW);
            Album renamed = album.rename(new DisplayName("春节"));
            assertThat(renamed.id()).isEqualTo(album.id());
            assertThat(renamed.name().value()).isEqualTo("春节");
            assertThat(album.belongsTo(FAMILY)).isTrue();
            assertThat(album.belongsTo(OTHER_FAMILY)).isFalse();
        }
    }

    @Nested
    class StoredObjects {

        @Test
        void uploaded_becomesVerified_onlyWithMatchingSizeAndHash() {
            StoredObject uploaded = StoredObject.uploaded(
                    FAMILY, CONTENT, ObjectKey.forContent(FAMILY, HASH, FileFormat.JPEG), FileFormat.JPEG, NOW);
            assertThat(uploaded.isVerified()).isFalse();
            StoredObject verified = uploaded.verify(CONTENT, NOW.plusSeconds(5));
            assertThat(verified.status()).isEqualTo(StoredObjectStatus.VERIFIED);
            assertThat(verified.verifiedAt()).contains(NOW.plusSeconds(5));
            assertThatThrownBy(() -> uploaded.verify(new FileContent(HASH, ByteSize.ofBytes(1)), NOW))
                    .isInstanceOf(ConflictException.class)
                    .satisfies(e -> assertThat(code(e)).isEqualTo("upload_verification_failed"));
            assertThatThrownBy(() -> uploaded.verify(new FileContent(new ContentHash("0".repeat(32)), SIZE), NOW))
                    .isInstanceOf(ConflictException.class);
        }

        @Test
        void verifiedAt_isSetExactlyWhenVerified() {
            ObjectKey key = ObjectKey.forContent(FAMILY, HASH, FileFormat.JPEG);
            assertThatThrownBy(() -> StoredObject.reconstitute(
                            FAMILY, CONTENT, key, FileFormat.JPEG, StoredObjectStatus.VERIFIED, NOW, null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> StoredObject.reconstitute(
                            FAMILY, CONTENT, key, FileFormat.JPEG, StoredObjectStatus.UPLOADED, NOW, NOW))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class MediaFiles {

        @Test
        void record_copiesTheVerifiedObjectsFacts() {
            StoredObject object = verified(FAMILY, SIZE);
            Album album = Album.create(FAMILY, new DisplayName("a"), NOW);
            MediaFile file = MediaFile.record(
                    new Placement(FAMILY, album.id(), ALICE), new FileName("IMG_1.jpg"), object, null, NOW);
            assertThat(file.familyId()).isEqualTo(FAMILY);
            assertThat(file.key()).isEqualTo(object.key());
            assertThat(file.content()).isEqualTo(CONTENT);
            assertThat(file.capturedAt()).isEmpty();
        }

        @Test
        void record_refusesAnObjectOfAnotherFamily() {
            StoredObject foreign = verified(OTHER_FAMILY, SIZE);
            Album album = Album.create(FAMILY, new DisplayName("a"), NOW);
            assertThatThrownBy(() -> MediaFile.record(
                            new Placement(FAMILY, album.id(), ALICE), new FileName("a.jpg"), foreign, null, NOW))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("own family");
        }

        @Test
        void record_refusesAnUnverifiedObject() {
            StoredObject uploaded = StoredObject.uploaded(
                    FAMILY, CONTENT, ObjectKey.forContent(FAMILY, HASH, FileFormat.JPEG), FileFormat.JPEG, NOW);
            Album album = Album.create(FAMILY, new DisplayName("a"), NOW);
            assertThatThrownBy(() -> MediaFile.record(
                            new Placement(FAMILY, album.id(), ALICE), new FileName("a.jpg"), uploaded, null, NOW))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("VERIFIED");
        }
    }

    @Nested
    class UploadSlots {

        UploadSlot open() {
            Album album = Album.create(FAMILY, new DisplayName("a"), NOW);
            return UploadSlot.open(
                    new Placement(FAMILY, album.id(), ALICE),
                    ObjectKey.forContent(FAMILY, HASH, FileFormat.JPEG),
                    new FileName("a.jpg"),
                    FileFormat.JPEG,
                    CONTENT,
                    null,
                    NOW,
                    NOW.plus(Duration.ofMinutes(10)));
        }

        @Test
        void pending_completes_once() {
            UploadSlot slot = open();
            MediaFileId photo = MediaFileId.newId();
            UploadSlot done = slot.complete(photo);
            assertThat(done.status()).isEqualTo(UploadSlotStatus.COMPLETED);
            assertThat(done.mediaFileId()).contains(photo);
            assertThat(done.complete(MediaFileId.newId()).mediaFileId()).contains(photo);
        }

        @Test
        void expires_onlyAfterItsExpiry_andLateBytesStillComplete() {
            UploadSlot slot = open();
            assertThatThrownBy(() -> slot.expire(NOW.plusSeconds(599))).isInstanceOf(IllegalStateException.class);
            UploadSlot expired = slot.expire(NOW.plusSeconds(600));
            assertThat(expired.status()).isEqualTo(UploadSlotStatus.EXPIRED);
            assertThatThrownBy(() -> expired.expire(NOW.plusSeconds(700))).isInstanceOf(IllegalStateException.class);
            MediaFileId photo = MediaFileId.newId();
            UploadSlot late = expired.complete(photo);
            assertThat(late.status()).isEqualTo(UploadSlotStatus.COMPLETED);
            assertThat(late.mediaFileId()).contains(photo);
        }

        @Test
        void mustExpireAfterCreation() {
            Album album = Album.create(FAMILY, new DisplayName("a"), NOW);
            assertThatThrownBy(() -> UploadSlot.open(
                            new Placement(FAMILY, album.id(), ALICE),
                            ObjectKey.forContent(FAMILY, HASH, FileFormat.JPEG),
                            new FileName("a.jpg"),
                            FileFormat.JPEG,
                            CONTENT,
                            null,
                            NOW,
                            NOW))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void onlyItsCreatorOwnsIt() {
            assertThat(open().isCreatedBy(ALICE)).isTrue();
            assertThat(open().isCreatedBy(new UserId("u_bob"))).isFalse();
        }
    }

    @Nested
    class Dedupe {

        @Test
        void fileContent_isTheMd5AndTheSizeTogether() {
            assertThat(FileContent.of(HASH.md5().toUpperCase(), SIZE.bytes())).isEqualTo(CONTENT);
            assertThat(new FileContent(HASH, ByteSize.ofBytes(1))).isNotEqualTo(CONTENT);
            assertThat(CONTENT.conflictsWith(new FileContent(HASH, ByteSize.ofBytes(1))))
                    .isTrue();
            assertThat(CONTENT.conflictsWith(CONTENT)).isFalse();
            assertThat(CONTENT.conflictsWith(new FileContent(new ContentHash("0".repeat(32)), ByteSize.ofBytes(1))))
                    .isFalse();
            assertThatThrownBy(() -> new FileContent(HASH, null)).isInstanceOf(NullPointerException.class);
        }

        @Test
        void verifiedSameHashAndSize_inSameFamily_isInstant() {
            StoredObject existing = verified(FAMILY, SIZE);
            assertThat(DedupeRule.decide(FAMILY, CONTENT, List.of(existing)))
                    .isEqualTo(new DedupeDecision.Instant(existing));
        }

        @Test
        void sameHashInAnotherFamily_isNeverInstant() {
            assertThat(DedupeRule.decide(FAMILY, CONTENT, List.of(verified(OTHER_FAMILY, SIZE))))
                    .isInstanceOf(DedupeDecision.Upload.class);
        }

        @Test
        void unverifiedObject_isNotInstant() {
            StoredObject uploaded = StoredObject.uploaded(
                    FAMILY, CONTENT, ObjectKey.forContent(FAMILY, HASH, FileFormat.JPEG), FileFormat.JPEG, NOW);
            assertThat(DedupeRule.decide(FAMILY, CONTENT, List.of(uploaded))).isInstanceOf(DedupeDecision.Upload.class);
        }

        @Test
        void sameHashOtherSize_isAHashConflict() {
            StoredObject other = verified(FAMILY, ByteSize.ofBytes(10));
            assertThat(DedupeRule.decide(FAMILY, CONTENT, List.of(other)))
                    .isEqualTo(new DedupeDecision.HashConflict(other));
        }

        @Test
        void nothingKnown_meansUpload() {
            assertThat(DedupeRule.decide(FAMILY, CONTENT, List.of())).isInstanceOf(DedupeDecision.Upload.class);
        }
    }

    @Nested
    class Policy {

        UploadPolicyRules rules = new UploadPolicyRules(
                ByteSize.ofMegabytes(10),
                ByteSize.ofMegabytes(100),
                EnumSet.of(FileFormat.JPEG, FileFormat.MP4),
                Duration.ofMinutes(10));

        @Test
        void admitsAllowedTypesWithinTheirLimit() {
            assertThat(rules.admit("image/jpeg", new FileName("a.jpg"), ByteSize.ofMegabytes(10)))
                    .isEqualTo(FileFormat.JPEG);
            assertThat(rules.admit("video/mp4", new FileName("a.mp4"), ByteSize.ofMegabytes(100)))
                    .isEqualTo(FileFormat.MP4);
        }

        @Test
        void refusesOversizeEmptyAndDisallowed() {
            assertThatThrownBy(() -> rules.admit(
                            "image/jpeg",
                            new FileName("a.jpg"),
                            ByteSize.ofBytes(ByteSize.ofMegabytes(10).bytes() + 1)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("file_too_large"));
            assertThatThrownBy(() -> rules.admit("image/jpeg", new FileName("a.jpg"), ByteSize.ofBytes(0)))
                    .satisfies(e -> assertThat(code(e)).isEqualTo("invalid_size"));
            assertThatThrownBy(() -> rules.admit("image/png", new FileName("a.png"), ByteSize.ofBytes(5)))
                    .isInstanceOf(InvalidValueException.class)
                    .satisfies(e -> assertThat(code(e)).isEqualTo("type_not_allowed"));
        }

        @Test
        void ttlAbove15Minutes_isRefused() {
            assertThatThrownBy(() -> new UploadPolicyRules(
                            ByteSize.ofBytes(1), ByteSize.ofBytes(1), Set.of(FileFormat.JPEG), Duration.ofMinutes(16)))
                    .hasMessageContaining("15 minutes");
            assertThatThrownBy(() -> UploadPolicyRules.requireValidTtl(Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class);
            UploadPolicyRules.requireValidTtl(Duration.ofMinutes(15));
        }

        @Test
        void expiry_neverOutlivesTheCredentials() {
            assertThat(rules.policyExpiry(NOW, NOW.plus(Duration.ofHours(1))))
                    .isEqualTo(NOW.plus(Duration.ofMinutes(10)));
            assertThat(rules.policyExpiry(NOW, NOW.plus(Duration.ofMinutes(3))))
                    .isEqualTo(NOW.plus(Duration.ofMinutes(3)));
            assertThatThrownBy(() -> rules.policyExpiry(NOW, NOW)).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void largestAllowedSize_boundsPrefixPolicies() {
            assertThat(rules.largestAllowedSize()).isEqualTo(ByteSize.ofMegabytes(100));
        }
    }
}
