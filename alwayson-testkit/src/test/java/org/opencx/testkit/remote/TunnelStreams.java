package org.opencx.testkit.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A byte stream whose every byte follows from its position, so that a reader can check any amount
 * of it without keeping a copy: for transfers larger than anything worth holding in memory.
 * Public for the end-to-end tunnel tests of other modules (test-jar).
 */
public final class TunnelStreams {
    private TunnelStreams() {
    }

    public static byte at(long position) {
        long x = position * 0x9E3779B97F4A7C15L;
        return (byte) (x >>> 56 ^ x >>> 29);
    }

    /** Writes the stream until {@code stop} is set or the socket fails; the count of bytes written. */
    public static long write(Socket s, java.util.function.BooleanSupplier stop, AtomicLong written) {
        byte[] buffer = new byte[32 * 1024];
        try {
            OutputStream out = s.getOutputStream();
            while (!stop.getAsBoolean()) {
                long base = written.get();
                for (int i = 0; i < buffer.length; i++) {
                    buffer[i] = at(base + i);
                }
                out.write(buffer);
                written.addAndGet(buffer.length);
            }
        } catch (IOException e) {
            // the connection ended
        }
        return written.get();
    }

    /**
     * Reads the stream and checks each byte until it has read {@code until} bytes (a limit that may
     * be lowered while it reads, once the writer knows its total); the count of bytes read.
     *
     * @throws IOException on a wrong byte, or when the stream ends early
     */
    public static long readAndCheck(Socket s, AtomicLong until) throws IOException {
        return readAndCheck(s, until, position -> { });
    }

    /**
     * As {@link #readAndCheck(Socket, AtomicLong)}, giving {@code afterRead} the bytes read so far
     * after each read (a slow reader pauses there).
     */
    public static long readAndCheck(Socket s, AtomicLong until, LongConsumer afterRead) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buffer = new byte[32 * 1024];
        long position = 0;
        s.setSoTimeout(100);
        while (position < until.get()) {
            int n;
            try {
                n = in.read(buffer, 0, (int) Math.min(buffer.length, until.get() - position));
            } catch (java.net.SocketTimeoutException e) {
                continue; // the limit may have been lowered meanwhile
            }
            if (n < 0) {
                throw new IOException("the stream ended after " + position + " bytes");
            }
            for (int i = 0; i < n; i++) {
                if (buffer[i] != at(position + i)) {
                    throw new IOException("wrong byte at " + (position + i));
                }
            }
            position += n;
            afterRead.accept(position);
        }
        return position;
    }
}
