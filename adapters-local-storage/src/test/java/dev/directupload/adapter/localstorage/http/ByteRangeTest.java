package dev.directupload.adapter.localstorage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code Range} as OSS and RFC 9110 read it, for an object of 1000 bytes. */
class ByteRangeTest {

    @ParameterizedTest
    @CsvSource({
        "bytes=0-0, 0, 0",
        "bytes=0-99, 0, 99",
        "bytes=100-, 100, 999",
        "bytes=990-5000, 990, 999",
        "bytes=-10, 990, 999",
        "bytes=-5000, 0, 999",
        "BYTES=5-9, 5, 9",
        "bytes=999-999, 999, 999",
        "bytes=0-99999999999999999999999, 0, 999"
    })
    void satisfiableRange_isServedCutToTheObject(String header, long first, long last) {
        assertThat(ByteRange.parse(header, 1000)).contains(new ByteRange(first, last));
        assertThat(new ByteRange(first, last).contentRange(1000)).isEqualTo("bytes " + first + "-" + last + "/1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=1000-2000", "bytes=-0", "bytes=99999999999999999999-"})
    void rangeStartingAtOrAfterTheEnd_isUnsatisfiable(String header) {
        assertThatThrownBy(() -> ByteRange.parse(header, 1000))
                .isInstanceOfSatisfying(
                        ByteRange.Unsatisfiable.class, e -> assertThat(e.size()).isEqualTo(1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-9,20-29", "items=0-9", "bytes=9-0", "bytes=a-b", "bytes=", "bytes=-", "0-9"})
    void notOneByteRange_isIgnored_andTheWholeObjectServed(String header) {
        assertThat(ByteRange.parse(header, 1000)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-", "bytes=-1"})
    void anyRangeOfAnEmptyObject_isUnsatisfiable(String header) {
        assertThatThrownBy(() -> ByteRange.parse(header, 0)).isInstanceOf(ByteRange.Unsatisfiable.class);
    }
}
