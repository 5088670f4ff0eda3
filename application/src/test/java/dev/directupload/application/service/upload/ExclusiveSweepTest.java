package dev.directupload.application.service.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.directupload.application.harness.InMemoryLeases;
import dev.directupload.application.harness.MutableClock;
import dev.directupload.application.port.in.upload.SweepUploadsUseCase.SweepReport;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExclusiveSweepTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T19:00:00Z"));
    private final InMemoryLeases leases = new InMemoryLeases();
    private final AtomicInteger sweeps = new AtomicInteger();
    private final ExclusiveSweep first = instance("one");
    private final ExclusiveSweep second = instance("two");

    private ExclusiveSweep instance(String name) {
        return new ExclusiveSweep(
                () -> {
                    sweeps.incrementAndGet();
                    return SweepReport.of(1, 0, 0);
                },
                leases,
                name,
                Duration.ofMinutes(5),
                clock);
    }

    @Test
    void givenTwoInstances_onlyTheLeaseHolderSweeps_untilItsLeaseRunsOut() {
        assertThat(first.sweep().completed()).isEqualTo(1);
        assertThat(second.sweep().completed()).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(first.sweep().completed()).isEqualTo(1); // renews its lease
        clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertThat(second.sweep().completed()).isZero();

        clock.advance(Duration.ofSeconds(2)); // the holder stopped sweeping: its lease ran out
        assertThat(second.sweep().completed()).isEqualTo(1);
        assertThat(first.sweep().completed()).isZero();
        assertThat(sweeps).hasValue(3);
    }

    @Test
    void aReleasedLease_isTakenOverAtOnce() {
        first.sweep();
        first.release();

        assertThat(second.sweep().completed()).isEqualTo(1);
    }
}
