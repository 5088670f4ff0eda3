package dev.directupload.adapter.web.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.directupload.settings.InvalidSettingsException;
import dev.directupload.settings.Problem;
import io.micronaut.context.ApplicationContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code upload.rate-limit.*} rules: every broken one is reported at start, all together. */
class RateLimitSettingsTest {

    @Test
    void ratesMustBePositive_theStartIsRefusedNamingBoth() {
        assertThat(problems(Map.of("upload.rate-limit.capacity", "0", "upload.rate-limit.per-minute", "-1")))
                .extracting(Problem::property, Problem::rule)
                .containsExactly(
                        tuple("upload.rate-limit.capacity", "greater than 0"),
                        tuple("upload.rate-limit.per-minute", "greater than 0"));
    }

    @Test
    void anUnknownStore_andTooSmallACheckBucket_areReportedTogether() {
        assertThat(problems(Map.of("upload.rate-limit.store", "memcached", "upload.rate-limit.check-capacity", "10")))
                .extracting(Problem::property)
                .containsExactlyInAnyOrder("upload.rate-limit.store", "upload.rate-limit.check-capacity");
    }

    @Test
    void noBucketsForTheMemoryStore_isReported() {
        assertThat(problems(Map.of("upload.rate-limit.max-keys", "0")))
                .extracting(Problem::property, Problem::rule)
                .containsExactly(tuple("upload.rate-limit.max-keys", "greater than 0"));
    }

    private static java.util.List<Problem> problems(Map<String, Object> settings) {
        Throwable thrown = assertThrows(
                RuntimeException.class, () -> ApplicationContext.run(settings).close());
        return InvalidSettingsException.findIn(thrown).problems();
    }
}
