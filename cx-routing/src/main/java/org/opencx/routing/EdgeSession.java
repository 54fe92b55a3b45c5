package org.opencx.routing;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.Header;

/**
 * One edge socket's session. Keeps what a platform restart needs to replay it (the claims, only in
 * memory and only while the socket lives; the bound names) and the two session ids: the one the
 * edge was given and the platform's current one, which changes when the session is replayed.
 */
public final class EdgeSession {
    private static final AtomicIntegerFieldUpdater<EdgeSession> PENDING =
            AtomicIntegerFieldUpdater.newUpdater(EdgeSession.class, "pending");
    private final int endpointId;
    private final EdgeLink link;
    private final long openedAtMillis;
    private final Set<String> boundNames = ConcurrentHashMap.newKeySet();
    private volatile SessionState state = SessionState.CONNECTED;
    private volatile List<Claim> claims = List.of();
    private volatile int edgeSessionId = Header.NO_SESSION;
    private volatile int platformSessionId = Header.NO_SESSION;
    private volatile boolean awaitingReplay;
    /** Entries of the pending table from or to this session (see PendingTable). */
    private volatile int pending;

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

    /** Every pipe was lost and this session is not yet re-authenticated at the platform. */
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
}
