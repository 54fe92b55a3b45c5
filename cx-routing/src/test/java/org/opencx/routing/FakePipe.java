package org.opencx.routing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.opencx.alwayson.Message;

/** A pipe to the platform that records what the router sends on it; ready and writable are set by the test. */
final class FakePipe implements PipeLink {
    private final int index;
    private final List<ByteBuffer> sent = new ArrayList<>();
    private boolean ready = true;
    private boolean writable = true;
    private boolean belowCeiling = true;

    FakePipe(int index) {
        this.index = index;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public boolean isReady() {
        return ready;
    }

    @Override
    public boolean isWritable() {
        return ready && writable;
    }

    @Override
    public boolean takesLifecycle() {
        return ready && belowCeiling;
    }

    /** Each fake pipe's own session: 1000 plus its index. */
    @Override
    public int sessionId() {
        return 1000 + index;
    }

    @Override
    public void send(ByteBuffer message) {
        sent.add(Script.copy(message));
    }

    /** Above (false) or below (true) the high water mark. */
    void writable(boolean w) {
        this.writable = w;
    }

    /** Past (false) or back under (true) the hard ceiling that even AUTH, BIND and UNBIND respect. */
    void belowCeiling(boolean below) {
        this.belowCeiling = below;
    }

    /** The connection is lost: neither ready nor writable. Tell the router with onPipeDown. */
    void down() {
        ready = false;
    }

    /** Authenticated and bound again. Tell the router with onPipeReady. */
    void up() {
        ready = true;
        writable = true;
    }

    List<ByteBuffer> raw() {
        return sent;
    }

    List<Message> messages() {
        return sent.stream().map(Script::decode).toList();
    }

    ByteBuffer lastRaw() {
        if (sent.isEmpty()) {
            throw new AssertionError("pipe " + index + " received nothing");
        }
        return sent.get(sent.size() - 1);
    }

    Message last() {
        return Script.decode(lastRaw());
    }

    /** What was sent for one edge session (its endpoint id), oldest first. */
    List<Message> forEndpoint(int endpointId) {
        return messages().stream().filter(m -> m.header().endpointId() == endpointId).toList();
    }

    int count() {
        return sent.size();
    }

    /** Forgets what was sent so far, so that a test can look at what comes next. */
    void clear() {
        sent.clear();
    }
}
