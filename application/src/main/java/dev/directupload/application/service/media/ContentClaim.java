package dev.directupload.application.service.media;

import dev.directupload.domain.media.ContentHash;
import dev.directupload.domain.media.FileContent;
import java.util.Objects;

/** What a client says the bytes are: the exact content, or (article-style clients) an MD5 and a size in KB. */
public sealed interface ContentClaim {

    ContentHash md5();

    /** True when the bytes storage holds are the claimed ones. */
    boolean isMetBy(FileContent stored);

    /** The exact content a per-file slot declared. */
    record Exact(FileContent content) implements ContentClaim {
        public Exact {
            Objects.requireNonNull(content, "content");
        }

        @Override
        public ContentHash md5() {
            return content.md5();
        }

        @Override
        public boolean isMetBy(FileContent stored) {
            return content.equals(stored);
        }

        @Override
        public String toString() {
            return content.size().bytes() + " bytes and md5 " + content.md5();
        }
    }

    /** The article's {@code file_size} in KB (clients round either way) with its {@code hash_value}. */
    record InKilobytes(ContentHash md5, long kilobytes) implements ContentClaim {
        public InKilobytes {
            Objects.requireNonNull(md5, "md5");
        }

        @Override
        public boolean isMetBy(FileContent stored) {
            return md5.equals(stored.md5()) && stored.size().matchesKilobytes(kilobytes);
        }

        @Override
        public String toString() {
            return kilobytes + " KB and md5 " + md5;
        }
    }
}
