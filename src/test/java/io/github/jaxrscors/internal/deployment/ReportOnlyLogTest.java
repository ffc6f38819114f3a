package io.github.jaxrscors.internal.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jaxrscors.internal.policy.Reason;
import io.github.jaxrscors.testing.CapturedLog;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The report-only log's bound, minute by minute, and the line that sums up what it did not log. */
class ReportOnlyLogTest {

    private static final String SUMMARY = "report-only: 9950 more would-be refusals were not logged in the minute before "
            + "(at most 50 lines a minute): origin 4975, malformed_origin 4975; the cors.requests metric counts them all";

    /** The tasks given to the log's timer, with their delays; run by the test. */
    private record Timed(long delayNanos, Runnable task) {
    }

    private final List<Timed> timed = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private final ReportOnlyLog log = new ReportOnlyLog(now::get, (delay, task) -> timed.add(new Timed(delay, task)));
    private CapturedLog captured;

    @BeforeEach
    void captureLog() {
        captured = CapturedLog.of(DecisionLog.LOGGER);
    }

    @AfterEach
    void releaseLog() {
        captured.close();
    }

    /** The WARNING lines logged so far. */
    private List<String> lines() {
        return captured.messages(Level.WARNING);
    }

    @Test
    void logsFiftyLinesAMinuteAndSumsUpTheRestOnceTheMinuteIsOver() {
        List<String> asked = new ArrayList<>();
        now.addAndGet(ReportOnlyLog.WINDOW_NANOS / 4);
        flood(asked);
        assertThat(lines()).hasSize(ReportOnlyLog.LINES_PER_WINDOW);
        assertThat(asked).as("a suppressed line is never built").hasSize(ReportOnlyLog.LINES_PER_WINDOW);
        assertThat(timed).as("one timer for the minute's summary, due when the minute is over").singleElement()
                .extracting(Timed::delayNanos).isEqualTo(ReportOnlyLog.WINDOW_NANOS * 3 / 4);

        // Nothing is refused after the flood: the summary comes anyway.
        now.addAndGet(ReportOnlyLog.WINDOW_NANOS * 3 / 4);
        timed.get(0).task().run();
        assertThat(lines()).hasSize(ReportOnlyLog.LINES_PER_WINDOW + 1).last().isEqualTo(SUMMARY);

        now.addAndGet(ReportOnlyLog.WINDOW_NANOS);
        log.wouldRefuse(Reason.HEADER, () -> "preflight: header 'x' not allowed");
        assertThat(lines()).as("summed up once").hasSize(ReportOnlyLog.LINES_PER_WINDOW + 2)
                .last().isEqualTo("report-only: would refuse preflight: header 'x' not allowed");
        assertThat(timed).as("no timer without a suppressed line").hasSize(1);
    }

    @Test
    void aRefusalAfterTheMinuteWritesTheSummaryIfItsTimerHasNotYet() {
        flood(new ArrayList<>());
        now.addAndGet(ReportOnlyLog.WINDOW_NANOS);
        log.wouldRefuse(Reason.HEADER, () -> "preflight: header 'x' not allowed");

        assertThat(lines()).hasSize(ReportOnlyLog.LINES_PER_WINDOW + 2);
        assertThat(lines().get(ReportOnlyLog.LINES_PER_WINDOW)).isEqualTo(SUMMARY);
        assertThat(lines().get(ReportOnlyLog.LINES_PER_WINDOW + 1)).isEqualTo("report-only: would refuse preflight: header 'x' not allowed");

        timed.get(0).task().run();
        assertThat(lines()).as("the late timer writes nothing more").hasSize(ReportOnlyLog.LINES_PER_WINDOW + 2);
    }

    @Test
    void withoutAThreadTheSummaryComesWithTheNextRefusal() {
        ReportOnlyLog threadless = new ReportOnlyLog(now::get, (delay, task) -> {
            throw new OutOfMemoryError("unable to create native thread: possibly out of memory or process/resource limits reached");
        });
        for (int i = 0; i < 10_000; i++) {
            threadless.wouldRefuse(i % 2 == 0 ? Reason.ORIGIN : Reason.MALFORMED_ORIGIN, () -> "request: origin not allowed");
        }
        now.addAndGet(ReportOnlyLog.WINDOW_NANOS);
        threadless.wouldRefuse(Reason.HEADER, () -> "preflight: header 'x' not allowed");

        assertThat(lines()).hasSize(ReportOnlyLog.LINES_PER_WINDOW + 2);
        assertThat(lines().get(ReportOnlyLog.LINES_PER_WINDOW)).isEqualTo(SUMMARY);
    }

    @Test
    void aQuietMinuteHasNoSummary() {
        log.wouldRefuse(Reason.ORIGIN, () -> "one");
        now.addAndGet(2 * ReportOnlyLog.WINDOW_NANOS);
        log.wouldRefuse(Reason.ORIGIN, () -> "two");

        assertThat(lines()).containsExactly("report-only: would refuse one", "report-only: would refuse two");
        assertThat(timed).isEmpty();
    }

    /** 10 000 distinct would-be refusals at once, half for an origin not allowed, half for a malformed one. */
    private void flood(List<String> asked) {
        for (int i = 0; i < 10_000; i++) {
            String line = "request: origin 'https://o" + i + ".example' not allowed";
            log.wouldRefuse(i % 2 == 0 ? Reason.ORIGIN : Reason.MALFORMED_ORIGIN, () -> {
                asked.add(line);
                return line;
            });
        }
    }
}
