package dev.directupload.application.port.out.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.domain.media.ByteSize;
import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.FileContent;
import dev.directupload.domain.storage.ObjectKey;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObjectMetadataTest {

    private static final String MD5 = "9e107d9d372bb6826bd81d3542a419d6";

    @Test
    void md5_comesOnlyFromASinglePartEtag() {
        assertThat(ObjectMetadata.md5FromEtag(MD5)).contains(ContentHash.ofMd5(MD5));
        assertThat(ObjectMetadata.md5FromEtag("\"" + MD5.toUpperCase() + "\"")).contains(ContentHash.ofMd5(MD5));
        assertThat(ObjectMetadata.md5FromEtag(MD5 + "-3")).isEmpty();
        assertThat(ObjectMetadata.md5FromEtag("\"" + MD5 + "-3\"")).isEmpty();
        assertThat(ObjectMetadata.md5FromEtag(MD5.substring(1))).isEmpty();
        assertThat(ObjectMetadata.md5FromEtag("W/\"abc\"")).isEmpty();
        assertThat(ObjectMetadata.md5FromEtag("")).isEmpty();
        assertThat(ObjectMetadata.md5FromEtag(null)).isEmpty();
    }

    @Test
    void holds_needsTheSizeAndAKnownEqualMd5() {
        ObjectKey key = new ObjectKey("a/b.jpg");
        var known = new ObjectMetadata(key, ByteSize.ofBytes(3), Optional.of(ContentHash.ofMd5(MD5)), Optional.empty());
        var unknown = new ObjectMetadata(key, ByteSize.ofBytes(3), Optional.empty(), Optional.empty());

        assertThat(known.holds(new FileContent(ContentHash.ofMd5(MD5), ByteSize.ofBytes(3))))
                .isTrue();
        assertThat(known.holds(new FileContent(ContentHash.ofMd5(MD5), ByteSize.ofBytes(4))))
                .isFalse();
        assertThat(known.holds(new FileContent(ContentHash.ofMd5("0".repeat(32)), ByteSize.ofBytes(3))))
                .isFalse();
        assertThat(unknown.holds(new FileContent(ContentHash.ofMd5(MD5), ByteSize.ofBytes(3))))
                .isFalse();
    }
}
