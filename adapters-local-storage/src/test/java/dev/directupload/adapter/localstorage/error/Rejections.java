package dev.directupload.adapter.localstorage.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Asserts that a call is refused with one OSS error. */
public final class Rejections {

    private Rejections() {}

    public static void assertRejected(Runnable call, OssError expected) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        OssRejection.class,
                        r -> assertThat(r.error()).as(r.getMessage()).isEqualTo(expected));
    }
}
