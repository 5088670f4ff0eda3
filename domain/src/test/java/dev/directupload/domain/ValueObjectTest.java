package dev.directupload.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.directupload.domain.album.AlbumId;
import dev.directupload.domain.family.FamilyId;
import dev.directupload.domain.identity.UserId;
import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.FileFormat;
import dev.directupload.domain.media.FileName;
import dev.directupload.domain.media.MediaFileId;
import dev.directupload.domain.media.MediaType;
import dev.directupload.domain.shared.DisplayName;
import dev.directupload.domain.shared.InvalidValueException;
import dev.directupload.domain.storage.KeyPrefix;
import dev.directupload.domain.storage.ObjectKey;
import dev.directupload.domain.upload.UploadId;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ValueObjectTest {

    private static void assertInvalid(Runnable construction, String code, String messagePart) {
        assertThatThrownBy(construction::run)
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining(messagePart)
                .satisfies(e -> assertThat(((InvalidValueException) e).code().wireName())
                        .isEqualTo(code));
    }

    @Nested
    class Ids {

        static Stream<Arguments> constructors() {
            return Stream.of(
                    Arguments.of("user_id", (Function<String, Object>) UserId::new),
                    Arguments.of("family_id", (Function<String, Object>) FamilyId::new),
                    Arguments.of("album_id", (Function<String, Object>) AlbumId::new),
                    Arguments.of("photo_id", (Function<String, Object>) MediaFileId::new),
                    Arguments.of("upload_id", (Function<String, Object>) UploadId::new));
        }

        @ParameterizedTest
        @MethodSource("constructors")
        void givenToken_acceptsItUnchanged(String field, Function<String, Object> ctor) {
            assertThat(ctor.apply("f_0123abc-_Z").toString()).isEqualTo("f_0123abc-_Z");
        }

        @ParameterizedTest
        @MethodSource("constructors")
        void givenBadToken_rejectsNamingTheField(String field, Function<String, Object> ctor) {
            assertThat(ctor.apply("x".repeat(64)).toString()).isEqualTo("x".repeat(64));
            for (String bad : new String[] {
                null,
                "",
                "a/b",
                "../x",
                "a b",
                "é",
                "x".repeat(65),
                "a\n",
                "\u0661",
                "\uff41",
                "a.b",
                "a+b",
                "`",
                "{",
                "@",
                "[",
                "/"
            }) {
                assertInvalid(() -> ctor.apply(bad), "invalid_id", field);
            }
        }

        @Test
        void newIds_carryTheirPrefixAndAreUnique() {
            assertThat(FamilyId.newId().value()).startsWith("f_");
            assertThat(AlbumId.newId().value()).startsWith("a_");
            assertThat(UserId.newId().value()).startsWith("u_");
            assertThat(MediaFileId.newId().value()).startsWith("p_");
            assertThat(UploadId.newId().value()).startsWith("up_");
            assertThat(FamilyId.newId()).isNotEqualTo(FamilyId.newId());
        }
    }

    @Nested
    class ContentHashes {

        @Test
        void upperCase_isNormalisedToLower() {
            assertThat(new ContentHash("9E107D9D372BB6826BD81D3542A419D6").md5())
                    .isEqualTo("9e107d9d372bb6826bd81d3542a419d6");
            assertThat(new ContentHash("9E107D9D372BB6826BD81D3542A419D6"))
                    .isEqualTo(new ContentHash("9e107d9d372bb6826bd81d3542a419d6"));
        }

        @Test
        void shard_isTheFirstTwoCharacters() {
            assertThat(new ContentHash("9e107d9d372bb6826bd81d3542a419d6").shard())
                    .isEqualTo("9e");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(
                strings = {
                    "9e107d9d372bb6826bd81d3542a419d",
                    "9e107d9d372bb6826bd81d3542a419d6a",
                    "9e107d9d372bb6826bd81d3542a419dg",
                    " 9e107d9d372bb6826bd81d3542a419d6",
                    "9e107d9d-72bb6826bd81d3542a419d6"
                })
        void anythingButThirtyTwoHex_isRejected(String md5) {
            assertInvalid(() -> new ContentHash(md5), "invalid_md5", "32 hexadecimal");
        }
    }

    @Nested
    class ByteSizes {

        @Test
        void negative_isRejected() {
            assertInvalid(() -> new ByteSize(-1), "invalid_size", ">= 0");
        }

        @Test
        void zero_isAValidSize() {
            assertThat(new ByteSize(0).isZero()).isTrue();
        }

        @Test
        void kilobyteView_roundsDown_andMatchesEitherRounding() {
            ByteSize size = ByteSize.ofBytes(2481337);
            assertThat(size.kilobytes()).isEqualTo(2423);
            assertThat(size.matchesKilobytes(2423)).isTrue();
            assertThat(size.matchesKilobytes(2424)).isTrue();
            assertThat(size.matchesKilobytes(2422)).isFalse();
            assertThat(size.matchesKilobytes(2425)).isFalse();
            assertThat(ByteSize.ofBytes(2048).matchesKilobytes(2)).isTrue();
            assertThat(ByteSize.ofBytes(2048).matchesKilobytes(3)).isFalse();
        }

        @Test
        void megabytes_andComparison() {
            assertThat(ByteSize.ofMegabytes(1).bytes()).isEqualTo(1_048_576);
            assertThat(ByteSize.ofBytes(11).exceeds(ByteSize.ofBytes(10))).isTrue();
            assertThat(ByteSize.ofBytes(10).exceeds(ByteSize.ofBytes(10))).isFalse();
        }
    }

    @Nested
    class Formats {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "a.jpg:image/jpeg",
                    "a.JPEG:image/jpeg",
                    "a.png:image/png",
                    "a.gif:image/gif",
                    "a.webp:image/webp",
                    "a.heic:image/heic",
                    "a.heif:image/heif",
                    "a.mp4:video/mp4",
                    "a.MOV:video/quicktime"
                })
        void knownTypes_withMatchingExtensions_areAccepted(String nameAndType) {
            String[] parts = nameAndType.split(":");
            FileFormat format = FileFormat.of(parts[1], new FileName(parts[0]));
            assertThat(format.contentType()).isEqualTo(parts[1]);
        }

        @Test
        void mediaType_followsTheMimeType() {
            assertThat(FileFormat.of("video/quicktime", new FileName("clip.mov"))
                            .mediaType())
                    .isEqualTo(MediaType.VIDEO);
            assertThat(FileFormat.of("image/heic", new FileName("x.heic")).mediaType())
                    .isEqualTo(MediaType.IMAGE);
            assertThat(MediaType.VIDEO.wireName()).isEqualTo("video");
        }

        @Test
        void keyExtension_isCanonical_whateverTheName() {
            assertThat(FileFormat.of("image/jpeg", new FileName("IMG.JPEG")).canonicalExtension())
                    .isEqualTo("jpg");
        }

        @Test
        void mimeParameters_andCase_areIgnored() {
            assertThat(FileFormat.ofContentType("Image/JPEG; charset=binary")).contains(FileFormat.JPEG);
        }

        @Test
        void extensionNeverDecidesTheType() {
            assertInvalid(() -> FileFormat.of("text/html", new FileName("evil.jpg")), "type_not_allowed", "text/html");
            assertInvalid(
                    () -> FileFormat.of("image/png", new FileName("photo.jpg")), "type_not_allowed", "does not match");
            assertInvalid(() -> FileFormat.of(null, new FileName("photo.jpg")), "type_not_allowed", "null");
        }

        @Test
        void nameWithoutExtension_isRejected() {
            assertInvalid(() -> FileFormat.of("image/jpeg", new FileName("photo")), "type_not_allowed", "no extension");
            assertInvalid(() -> FileFormat.of("image/jpeg", new FileName(".jpg")), "type_not_allowed", "no extension");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "a/b.jpg", "a\\b.jpg", "a\u0000.jpg", "a\n.jpg"})
        void badFileNames_areRejected(String name) {
            assertThatThrownBy(() -> new FileName(name))
                    .isInstanceOf(InvalidValueException.class)
                    .satisfies(
                            e -> assertThat(((InvalidValueException) e).code().wireName())
                                    .isEqualTo("invalid_name"));
        }

        @Test
        void longFileName_isRejected_andSpacesTrimmed() {
            assertInvalid(() -> new FileName("a".repeat(252) + ".jpg"), "invalid_name", "255");
            assertThat(new FileName("  春节 001.jpg ").value()).isEqualTo("春节 001.jpg");
        }
    }

    @Nested
    class Keys {

        private final FamilyId family = new FamilyId("f_1");
        private final ContentHash hash = new ContentHash("9e107d9d372bb6826bd81d3542a419d6");

        @Test
        void contentKey_followsTheNamingRule() {
            assertThat(ObjectKey.forContent(family, hash, FileFormat.JPEG).value())
                    .isEqualTo("families/f_1/objects/9e/9e107d9d372bb6826bd81d3542a419d6.jpg");
        }

        @Test
        void incomingPrefix_followsTheArticleRule() {
            KeyPrefix prefix = KeyPrefix.incoming(family, new UserId("u_7"));
            assertThat(prefix.value()).isEqualTo("families/f_1/incoming/u_7/");
            assertThat(prefix.basePath()).isEqualTo("families/f_1/incoming/u_7");
            assertThat(new ObjectKey("families/f_1/incoming/u_7/1769673600000_0.jpg").startsWith(prefix))
                    .isTrue();
            assertThat(new ObjectKey("families/f_1/incoming/u_70/x.jpg").startsWith(prefix))
                    .isFalse();
        }

        @Test
        void unicodeAndSpaces_areValid() {
            assertThat(new ObjectKey("wx/2025/测试 file+1.jpg").value()).isEqualTo("wx/2025/测试 file+1.jpg");
        }

        @Test
        void keyOf1023Utf8Bytes_isValid_1024IsNot() {
            assertThat(new ObjectKey("a".repeat(1023)).value()).hasSize(1023);
            assertInvalid(() -> new ObjectKey("a".repeat(1024)), "invalid_object_key", "1023");
            assertInvalid(() -> new ObjectKey("测".repeat(342)), "invalid_object_key", "1023");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(
                strings = {
                    "/abs/key.jpg",
                    "a\\b.jpg",
                    "a/../b.jpg",
                    "../b.jpg",
                    "a/..",
                    "./a.jpg",
                    "a/./b",
                    "a//b.jpg",
                    "a/",
                    "a\u0000b",
                    "a\u007fb",
                    "a\nb",
                    "a\u2028b"
                })
        void ossInvalidOrUnsafeKeys_areRejected(String key) {
            assertThatThrownBy(() -> new ObjectKey(key))
                    .isInstanceOf(InvalidValueException.class)
                    .satisfies(
                            e -> assertThat(((InvalidValueException) e).code().wireName())
                                    .isEqualTo("invalid_object_key"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"families/f_1", "/families/", "families/../", "families//"})
        void badPrefixes_areRejected(String prefix) {
            assertThatThrownBy(() -> new KeyPrefix(prefix)).isInstanceOf(InvalidValueException.class);
        }
    }

    @Nested
    class Names {

        @Test
        void trimmed_andBoundedAt100Characters() {
            assertThat(new DisplayName("  2026 春节 ").value()).isEqualTo("2026 春节");
            assertThat(new DisplayName("家".repeat(100)).value()).hasSize(100);
            assertInvalid(() -> new DisplayName("家".repeat(101)), "invalid_name", "100");
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"  ", "\t", "a\u0000b", "a\nb"})
        void blankOrControl_isRejected(String name) {
            assertThatThrownBy(() -> new DisplayName(name))
                    .isInstanceOf(InvalidValueException.class)
                    .satisfies(
                            e -> assertThat(((InvalidValueException) e).code().wireName())
                                    .isEqualTo("invalid_name"));
        }
    }
}
