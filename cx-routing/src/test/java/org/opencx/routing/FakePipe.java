package org.opencx.routing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.opencx.alwayson.Message;

/**
 * A pipe to a platform node that records what the router sends on it; ready, writable and whether
 * its connection is still open underneath are set by the test.
 */
final class FakePipe implements PipeLink {
    private final int id;
    private final int nodeId;
    private final List<ByteBuffer> sent = new ArrayList<>();
    private boolean ready = true;
    private boolean writable = true;
    private boolean belowCeiling = true;
    private boolean closedUnderneath;

    /** Pipe {@code id} (server-wide) of node {@code nodeId}. */
    FakePipe(int id, int nodeId) {
        this.id = id;
        this.nodeId = nodeId;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public int nodeId() {
        return nodeId;
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

    /** Each fake pipe's own session: 1000 plus its id. */
    @Override
    public int sessionId() {
        return 1000 + id;
    }

    @Override
    public boolean send(ByteBuffer message) {
        if (closedUnderneath) {
            return false;
        }
        sent.add(Script.copy(message));
        return true;
    }

    /**
     * Its connection closed a moment ago and the router was not told yet: it still looks ready,
     * but every send fails (the transport's close task has not run).
     */
    void closeUnderneath() {
        closedUnderneath = true;
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
        closedUnderneath = false;
    }

    List<ByteBuffer> raw() {
        return sent;
    }

    List<Message> messages() {
        return sent.stream().map(Script::decode).toList();
    }

    ByteBuffer lastRaw() {
        if (sent.isEmpty()) {
            throw new AssertionError("pipe " + id + " received nothing");
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
