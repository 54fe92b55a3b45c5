package org.opencx.routing;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.Header;

/**
 * One edge socket's session. Keeps what a platform restart needs to replay it (the claims, only in
 * memory and only while the socket lives; the bound names), the two session ids: the one the
 * edge was given and the platform's current one, which changes when the session is replayed, and
 * the platform node that issued the current one.
 */
public final class EdgeSession {
    private static final AtomicIntegerFieldUpdater<EdgeSession> PENDING =
            AtomicIntegerFieldUpdater.newUpdater(EdgeSession.class, "pending");
    private static final AtomicIntegerFieldUpdater<EdgeSession> NODE =
            AtomicIntegerFieldUpdater.newUpdater(EdgeSession.class, "nodeId");
    private static final AtomicIntegerFieldUpdater<EdgeSession> BINDING =
            AtomicIntegerFieldUpdater.newUpdater(EdgeSession.class, "bindingNames");
    private final int endpointId;
    private final EdgeLink link;
    private final long openedAtMillis;
    private final Set<String> boundNames = ConcurrentHashMap.newKeySet();
    private volatile SessionState state = SessionState.CONNECTED;
    private volatile List<Claim> claims = List.of();
    private volatile int edgeSessionId = Header.NO_SESSION;
    private volatile int platformSessionId = Header.NO_SESSION;
    private volatile boolean awaitingReplay;
    /** The platform node the session is authenticated on (or its AUTH is on its way to); 0: none. */
    private volatile int nodeId;
    /** The server asked the socket to close (no platform after the grace period). */
    private volatile boolean closeRequested;
    /** Entries of the pending table from or to this session (see PendingTable). */
    private volatile int pending;
    /** Names of this session's BINDs in flight (see PendingTable), for the cap on things per session. */
    private volatile int bindingNames;

    EdgeSession(int endpointId, EdgeLink link, long openedAtMillis) {
        this.endpointId = endpointId;
        this.link = link;
        this.openedAtMillis = openedAtMillis;
    }

    /** The CS-unique, non-zero id this session carries on the pipes (platform-link section 2). */
    public int endpointId() {
        return endpointId;
    }

    public EdgeLink link() {
        return link;
    }

    public long openedAtMillis() {
        return openedAtMillis;
    }

    public SessionState state() {
        return state;
    }

    void state(SessionState s) {
        this.state = s;
    }

    public boolean isAuthenticated() {
        return state == SessionState.AUTHENTICATED;
    }

    /** The claims of the last accepted AUTH (secret: never log them). */
    List<Claim> claims() {
        return claims;
    }

    void claims(List<Claim> c) {
        this.claims = List.copyOf(c);
    }

    public int edgeSessionId() {
        return edgeSessionId;
    }

    public int platformSessionId() {
        return platformSessionId;
    }

    /** The platform gave a session id: the first one is also the edge's, for good. */
    void platformSessionId(int id) {
        if (edgeSessionId == Header.NO_SESSION) {
            edgeSessionId = id;
        }
        platformSessionId = id;
    }

    /**
     * The id of the platform node the session is authenticated on (its platform session id is that
     * node's), or whose answer to its AUTH it waits for; 0 when none.
     */
    public int nodeId() {
        return nodeId;
    }

    /** Sets the node; returns the one before. Only {@link NodeTable#home} calls it, which counts. */
    int swapNodeId(int id) {
        return NODE.getAndSet(this, id);
    }

    /** Marks the session as asked to close; false when it already was. */
    boolean requestClose() {
        if (closeRequested) {
            return false;
        }
        closeRequested = true;
        return true;
    }

    /** Its node was lost (or left, or stayed unwritable) and it is not yet re-authenticated on one. */
    public boolean awaitingReplay() {
        return awaitingReplay;
    }

    void awaitingReplay(boolean value) {
        this.awaitingReplay = value;
    }

    public Set<String> boundNames() {
        return Set.copyOf(boundNames);
    }

    Set<String> liveBoundNames() {
        return boundNames;
    }

    /** Sockets of one client (multiplexed mode) present the same credentials. */
    boolean sameClientAs(EdgeSession other) {
        return other == this || (!claims.isEmpty() && claims.equals(other.claims));
    }

    @Override
    public String toString() {
        return "EdgeSession[endpoint=" + Integer.toUnsignedString(endpointId) + ", " + state + ", " + link.describe() + "]";
    }

    /** Requests in flight from or to this session, as the pending table counts them (never below the truth). */
    int pendingCount() {
        return pending;
    }

    void pendingChanged(int delta) {
        PENDING.addAndGet(this, delta);
    }

    /** Things bound to this session plus the names of its BINDs in flight: what the per-session cap counts. */
    int thingsHeldOrAsked() {
        return boundNames.size() + bindingNames;
    }

    void bindingNamesChanged(int delta) {
        BINDING.addAndGet(this, delta);
    }
}
