package org.opencx.alwayson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The assertion of the rejection tests: this call fails with a {@link ProtocolException} of this status. */
final class Rejections {
    private Rejections() {
    }

    /** Runs the call, expecting a {@link ProtocolException} (and no other throwable) with this status. */
    static ProtocolException assertFails(ThrowingCallable call, StatusCode status) {
        Throwable t = catchThrowable(call);
        assertThat(t).as("must fail with a ProtocolException").isExactlyInstanceOf(ProtocolException.class);
        ProtocolException e = (ProtocolException) t;
        assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
        return e;
    }

    static ProtocolException assertFails(ThrowingCallable call, StatusCode status, int offset) {
        ProtocolException e = assertFails(call, status);
        assertThat(e.offset()).as(e.getMessage()).isEqualTo(offset);
        return e;
    }

    /** Decodes {@code input} (in {@link Hex} notation), expecting a rejection at its {@code ^} marker. */
    static ProtocolException assertRejected(MessageDecoder decoder, String input, StatusCode status) {
        Hex.Marked m = Hex.marked(input);
        if (m.mark() < 0) {
            throw new IllegalArgumentException("no ^ marker in " + input);
        }
        return assertFails(() -> decoder.decode(m.bytes()), status, m.mark());
    }
}
