package dev.directupload.application.service.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.application.harness.MutableClock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentAnswersTest {

    private final MutableClock clock = new MutableClock(java.time.Instant.parse("2026-12-01T00:00:00Z"));
    private final AtomicInteger lookups = new AtomicInteger();

    private Optional<String> lookup(Integer key) {
        lookups.incrementAndGet();
        return Optional.of("v" + key);
    }

    @Test
    void answerIsReusedUntilMaxAge_thenLookedUpAgain() {
        RecentAnswers<Integer, String> answers = new RecentAnswers<>(Duration.ofSeconds(2), 10, clock);
        assertThat(answers.get(1, this::lookup)).contains("v1");
        clock.advance(Duration.ofMillis(1999));
        assertThat(answers.get(1, this::lookup)).contains("v1");
        assertThat(lookups).hasValue(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(answers.get(1, this::lookup)).contains("v1");
        assertThat(lookups).hasValue(2);
    }

    @Test
    void absentAnswer_isNotKept_andDropsTheOldOne() {
        RecentAnswers<Integer, String> answers = new RecentAnswers<>(Duration.ofSeconds(2), 10, clock);
        answers.get(1, this::lookup);
        clock.advance(Duration.ofSeconds(3));
        assertThat(answers.get(1, key -> Optional.empty())).isEmpty();
        assertThat(answers.size()).isZero();
        assertThat(answers.get(1, key -> Optional.empty())).isEmpty();
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        RecentAnswers<Integer, String> answers = new RecentAnswers<>(Duration.ofHours(1), 50, clock);
        for (int i = 0; i < 1000; i++) {
            assertThat(answers.get(i, this::lookup)).contains("v" + i);
            assertThat(answers.size()).isLessThanOrEqualTo(50);
        }
    }

    @Test
    void forget_dropsTheAnswer() {
        RecentAnswers<Integer, String> answers = new RecentAnswers<>(Duration.ofHours(1), 10, clock);
        answers.get(1, this::lookup);
        answers.forget(1);
        answers.get(1, this::lookup);
        assertThat(lookups).hasValue(2);
    }
}
