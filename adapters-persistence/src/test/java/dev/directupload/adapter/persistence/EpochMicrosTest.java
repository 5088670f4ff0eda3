package dev.directupload.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every instant the service accepts (1970 to the end of 9999) is stored exactly; past 2262 used to overflow. */
class EpochMicrosTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1970-01-01T00:00:00Z",
                "2026-01-28T08:00:00.123456Z",
                "2262-04-11T23:47:16.854775Z",
                "2262-04-11T23:47:16.854776Z",
                "2300-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999Z"
            })
    void microsecondInstants_roundTripExactly(String text) {
        Instant instant = Instant.parse(text);
        assertThat(EpochMicros.toInstant(EpochMicros.of(instant))).isEqualTo(instant);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-28T08:00:00.123456789Z", "1969-12-31T23:59:59.999999999Z"})
    void digitsBelowAMicrosecond_areDroppedTowardThePast(String text) {
        Instant instant = Instant.parse(text);
        Instant stored = EpochMicros.toInstant(EpochMicros.of(instant));
        assertThat(stored).isBeforeOrEqualTo(instant).isAfter(instant.minusNanos(1000));
    }
}
