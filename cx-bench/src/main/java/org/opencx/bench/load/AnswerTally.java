package org.opencx.bench.load;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.opencx.alwayson.Response;

/**
 * Every request a scenario sent, by what became of it: answered, by status (an error's reason
 * with its numbers masked), or not answered at all (the device's own timeout, the connection lost
 * under it), or still in flight when the count is taken. Answers are what the edge got, from the
 * platform or from the Connection Server; a request that got none is what must never happen.
 */
final class AnswerTally {
    /** The key of the statuses and reasons past the distinct ones kept ({@link Sessions.Failures#MAX_KEYS}). */
    static final String OTHER = "(other statuses)";

    private final Sessions.Failures answers = new Sessions.Failures(OTHER);
    private final Sessions.Failures unanswered = new Sessions.Failures();
    private final LongAdder sent = new LongAdder();
    private final LongAdder settled = new LongAdder();

    /**
     * Sends one request through {@code send} and counts what becomes of it; the future completes
     * with the answer whatever its status, or fails when there was none.
     */
    CompletableFuture<Response> count(Supplier<CompletableFuture<Response>> send) {
        sent.increment();
        CompletableFuture<Response> f;
        try {
            f = send.get();
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        return f.whenComplete((r, e) -> {
            if (e == null) {
                answered(r);
            } else {
                unanswered.count(e);
            }
            settled.increment();
        });
    }

    private void answered(Response r) {
        String key = r.isSuccess() ? r.status().name()
                : r.status().name() + (r.reason() == null || r.reason().isEmpty() ? ""
                        : ": " + r.reason().replaceAll("\\d+", "#"));
        answers.count(key);
    }

    long sent() {
        return sent.sum();
    }

    /** Answered, by status and reason. */
    Map<String, Long> answers() {
        return answers.snapshot();
    }

    long answered() {
        return answers.total();
    }

    /** No answer: by cause (a timeout at the device, the connection lost). */
    Map<String, Long> unanswered() {
        return unanswered.snapshot();
    }

    /** Sent and not settled yet (neither answered nor failed). */
    long inFlight() {
        return sent.sum() - settled.sum();
    }

    /** Requests that got no answer: failed without one, or still waiting. */
    long unansweredTotal() {
        return unanswered.total() + inFlight();
    }
}
