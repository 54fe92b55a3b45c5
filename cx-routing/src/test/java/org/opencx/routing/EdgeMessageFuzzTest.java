package org.opencx.routing;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.MultipartSplitter;
import org.opencx.alwayson.StatusCode;

/**
 * Arbitrary edge messages through the real routing path: the router, with a socket's reassembly in
 * front of it ({@link EdgeFuzzHarness}). The input is a script of steps, one opcode byte each and
 * its operands: raw WebSocket messages (anything at all), well-formed AUTH, BIND, UNBIND and
 * requests (so that the fuzzer reaches authenticated sessions quickly), chunked messages, the
 * platform's answers and requests, the edge's answers, time passing, sockets closing and opening,
 * pipes filling up. Whatever the steps: no exception escapes the router, every answer to an edge is
 * a defined status, the pending and binding tables stay bounded and empty out, every whole request
 * gets one answer, and the neighbour session hears nothing and keeps working.
 *
 * <p>{@code mvn test} replays the seeds in {@code EdgeMessageFuzzTestInputs/edgeMessages/}. To fuzz:
 * <pre>{@code JAZZER_FUZZ=1 mvn -B test -pl cx-routing -am -Dtest='EdgeMessageFuzzTest#edgeMessages' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_total_time=600}</pre>
 */
class EdgeMessageFuzzTest {
    private static final StatusCode[] STATUSES = {StatusCode.SUCCESS, StatusCode.SUCCESS, StatusCode.UNAUTHORIZED,
        StatusCode.NOT_FOUND, StatusCode.BAD_REQUEST, StatusCode.SERVICE_UNAVAILABLE, StatusCode.INTERNAL_SERVER_ERROR};
    private static final int STEPS = 13;

    @FuzzTest(maxDuration = "60s")
    void edgeMessages(byte[] input) {
        EdgeFuzzHarness h = new EdgeFuzzHarness();
        Steps in = new Steps(input);
        while (in.more()) {
            step(h, in);
            h.check();
        }
        h.finish();
    }

    private static void step(EdgeFuzzHarness h, Steps in) {
        switch (in.u8() % STEPS) {
            case 0 -> h.edgeSends(ByteBuffer.wrap(in.bytes(in.u16())));
            case 1 -> h.edgeSends(Script.encode(Auth.of(in.u8(), List.of(Claim.appKey(
                    in.u8() % 4 == 0 ? EdgeFuzzHarness.NEIGHBOUR_KEY : EdgeFuzzHarness.KEY)))));
            case 2 -> h.edgeSends(Script.bind(in.u8(), names(in.u8())));
            case 3 -> h.edgeSends(Script.unbind(in.u8(), names(in.u8())));
            case 4 -> h.edgeSends(in.u8() % 2 == 0 ? Script.get(in.u8(), thing(in.u8())) : Script.post(in.u8(), thing(in.u8())));
            case 5 -> chunked(h, in);
            case 6 -> h.platformAnswers(in.u8(), status(in.u8()));
            case 7 -> h.platformAsks(in.u8(), in.i32(), in.u8() % 4 != 0);
            case 8 -> h.edgeAnswers(in.u8(), status(in.u8()));
            case 9 -> h.tick(Duration.ofMillis(100L * in.u8()));
            case 10 -> h.close();
            case 11 -> {
                int which = in.u8();
                if (which % 2 == 0) {
                    h.open();
                } else {
                    h.switchTo(which / 2);
                }
            }
            default -> h.pipeWritable(in.u8(), in.u8() % 2 == 0);
        }
    }

    /** A POST split into chunks of a chosen size; a mask drops or repeats some of them. */
    private static void chunked(EdgeFuzzHarness h, Steps in) {
        int chunkSize = 64 + in.u8();
        int drop = in.u8();
        int repeat = in.u8();
        ByteBuffer whole = Script.post(in.u8(), thing(in.u8()));
        byte[] bytes = new byte[whole.remaining()];
        whole.get(bytes);
        List<byte[]> chunks = new MultipartSplitter(chunkSize, 1 << 20, 0).split(bytes);
        for (int i = 0; i < chunks.size(); i++) {
            if ((drop >> (i % 8) & 1) != 0 && i != 0) {
                continue;
            }
            h.edgeSends(ByteBuffer.wrap(chunks.get(i)));
            if ((repeat >> (i % 8) & 1) != 0) {
                h.edgeSends(ByteBuffer.wrap(chunks.get(i)));
            }
        }
    }

    private static String[] names(int mask) {
        return EdgeFuzzHarness.THINGS.stream().filter(t -> (mask >> EdgeFuzzHarness.THINGS.indexOf(t) & 1) != 0)
                .toArray(String[]::new);
    }

    private static String thing(int which) {
        return EdgeFuzzHarness.THINGS.get(which % EdgeFuzzHarness.THINGS.size());
    }

    private static StatusCode status(int which) {
        return STATUSES[which % STATUSES.length];
    }

    /** The input read as steps; past its end every read is 0. */
    private static final class Steps {
        private final byte[] input;
        private int at;

        Steps(byte[] input) {
            this.input = input;
        }

        boolean more() {
            return at < input.length;
        }

        int u8() {
            return at < input.length ? input[at++] & 0xFF : 0;
        }

        int u16() {
            return u8() << 8 | u8();
        }

        int i32() {
            return u16() << 16 | u16();
        }

        byte[] bytes(int n) {
            int k = Math.min(n, input.length - at);
            byte[] b = new byte[k];
            System.arraycopy(input, at, b, 0, k);
            at += k;
            return b;
        }
    }
}
