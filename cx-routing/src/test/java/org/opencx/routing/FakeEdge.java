package org.opencx.routing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.Response;

/** An edge socket that records what the router sends it and whether it was closed. */
final class FakeEdge implements EdgeLink {
    /** A close the router asked for. */
    record Close(int code, String reason) {
    }

    private final String name;
    private final List<ByteBuffer> sent = new ArrayList<>();
    private final List<Close> closes = new ArrayList<>();

    FakeEdge(String name) {
        this.name = name;
    }

    @Override
    public void send(ByteBuffer message) {
        sent.add(Script.copy(message));
    }

    @Override
    public void close(int code, String reason) {
        closes.add(new Close(code, reason));
    }

    @Override
    public String describe() {
        return "fake edge " + name;
    }

    /** Every message sent so far, raw (each a fresh buffer at position 0). */
    List<ByteBuffer> raw() {
        return sent;
    }

    /** Every message sent so far, decoded. */
    List<Message> messages() {
        return sent.stream().map(Script::decode).toList();
    }

    ByteBuffer lastRaw() {
        if (sent.isEmpty()) {
            throw new AssertionError(describe() + " received nothing");
        }
        return sent.get(sent.size() - 1);
    }

    Message last() {
        return Script.decode(lastRaw());
    }

    /** The last message, which must be a response. */
    Response lastResponse() {
        return (Response) last();
    }

    int count() {
        return sent.size();
    }

    List<Close> closes() {
        return closes;
    }
}
