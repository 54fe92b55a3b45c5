package org.opencx.testkit.platform;

import java.util.List;
import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.Gateway;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.StatusCode;
import org.opencx.alwayson.Unbind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AUTH, BIND and UNBIND, from direct edges (endpoint id 0) and forwarded by Connection Servers
 * (endpoint id E), and the synchronisation that follows a BIND (spec 7.4).
 */
final class SessionControl {
    private static final Logger log = LoggerFactory.getLogger(SessionControl.class);
    /** The gateway type a Connection Server binds its pipes with (platform-link 1). */
    static final String CONNECTION_SERVER = "ConnectionServer";
    static final String NOTIFY_PROPERTY_UPDATE = "NotifyPropertyUpdate";
    /** Close code after a refused AUTH: policy violation. */
    static final int CLOSE_POLICY = 1008;

    private final Credentials credentials;
    private final SessionTable table;
    private final ThingRegistry registry;
    private final Outbound out;
    private final DeviceRequests requests;
    private final Counters counters;

    SessionControl(Credentials credentials, SessionTable table, ThingRegistry registry, Outbound out,
                   DeviceRequests requests, Counters counters) {
        this.credentials = credentials;
        this.table = table;
        this.registry = registry;
        this.out = out;
        this.requests = requests;
        this.counters = counters;
    }

    /**
     * The key among the {@code appKey} claims that this platform accepts, or null: an application
     * key or a nonce key (used up here); on a TWS socket ({@code nonceOnly}) a nonce key only.
     */
    private String credential(List<Claim> claims, boolean nonceOnly) {
        for (Claim c : claims) {
            if (c.name().equals(Claim.APP_KEY) && credentials.check(c.value(), nonceOnly) != null) {
                return c.value();
            }
        }
        return null;
    }

    /** AUTH with endpoint id 0: a direct edge, or a Connection Server authenticating a pipe. */
    void auth(Connection c, Auth a) {
        Header h = a.header();
        Session own = c.own();
        String key = credential(a.claims(), c.temporary());
        if (key == null) {
            counters.authFailures.increment();
            log.warn("{}: AUTH refused, no accepted {} among {}", c, c.temporary() ? "nonce key" : "key", a.claims());
            out.reply(c, h, own == null ? h.sessionId() : own.id(), StatusCode.UNAUTHORIZED,
                    c.temporary() ? "TWS accepts nonce keys only" : "invalid application key", null);
            if (own == null) {
                out.close(c, CLOSE_POLICY, "Invalid app key");
            }
            return;
        }
        if (own == null) {
            if (table.full()) {
                out.reply(c, h, h.sessionId(), StatusCode.SERVICE_UNAVAILABLE, "too many sessions", null);
                return;
            }
            own = table.openDirect(c);
            c.authenticated(own, key);
            log.info("{} authenticated", c);
        }
        // A repeated AUTH on an authenticated socket (the C SDK retries after 5 s) gets the same id.
        out.reply(c, h, own.id(), StatusCode.SUCCESS, null, null);
    }

    /** AUTH forwarded by a Connection Server for its endpoint E. */
    void forwardedAuth(Connection pipe, PipeGroup group, Auth a) {
        Header h = a.header();
        int e = h.endpointId();
        if (credential(a.claims(), pipe.temporary()) == null) {
            counters.authFailures.increment();
            log.warn("cs {} endpoint {}: AUTH refused, no accepted application key among {}", group.name(),
                    Integer.toUnsignedString(e), a.claims());
            out.reply(pipe, h, h.sessionId(), StatusCode.UNAUTHORIZED, "invalid application key", null);
            return;
        }
        if (table.full()) {
            out.reply(pipe, h, h.sessionId(), StatusCode.SERVICE_UNAVAILABLE, "too many sessions", null);
            return;
        }
        Session s = table.openPiped(group, e, pipe);
        log.info("session {} authenticated", s);
        out.reply(pipe, h, s.id(), StatusCode.SUCCESS, null, null);
    }

    /** BIND with endpoint id 0: things of a direct edge, or a pipe joining its Connection Server. */
    void bind(Connection c, Bind b) {
        Gateway gw = b.gateway();
        if (gw != null && gw.type().equals(CONNECTION_SERVER)) {
            if (!b.thingNames().isEmpty()) {
                out.reply(c, b.header(), c.own().id(), StatusCode.BAD_REQUEST,
                        "a ConnectionServer gateway BIND carries no thing names", null);
                return;
            }
            String refusal = table.join(c, gw.name());
            if (refusal == null) {
                registry.serverThing(gw.name());
            }
            out.reply(c, b.header(), c.own().id(), refusal == null ? StatusCode.SUCCESS : StatusCode.FORBIDDEN,
                    refusal, null);
            return;
        }
        if (c.pipeOf() != null) {
            out.reply(c, b.header(), c.own().id(), StatusCode.FORBIDDEN,
                    "a Connection Server pipe binds things only for its endpoints (endpoint id 0 given)", null);
            return;
        }
        bindThings(c, c.own(), b);
    }

    /** BIND of things for a session, direct or behind a Connection Server; answered on {@code replyOn}. */
    void bindThings(Connection replyOn, Session s, Bind b) {
        Gateway gw = b.gateway();
        if (gw != null && gw.type().equals(CONNECTION_SERVER)) {
            out.reply(replyOn, b.header(), s.id(), StatusCode.BAD_REQUEST,
                    "only a pipe binds a ConnectionServer gateway, with endpoint id 0", null);
            return;
        }
        BindOutcome outcome = registry.bind(s, b.thingNames(), table::isConnectionServer);
        if (outcome instanceof BindOutcome.Refused r) {
            log.info("{}: BIND of {} refused: {}", s, b.thingNames().size() == 1 ? b.thingNames().get(0)
                    : b.thingNames().size() + " things", r.reason());
            out.reply(replyOn, b.header(), s.id(), r.status(), r.reason(), null);
            return;
        }
        out.reply(replyOn, b.header(), s.id(), StatusCode.SUCCESS, null, null);
        for (Thing t : ((BindOutcome.Bound) outcome).newlyBound()) {
            synchronize(t.name());
        }
    }

    /** Spec 7.4 step 1: tell a newly bound thing to ask for its subscriptions and push its values. */
    private void synchronize(String thing) {
        requests.send(thing, MethodCode.POST, Characteristic.SERVICES, NOTIFY_PROPERTY_UPDATE, null)
                .whenComplete((r, e) -> {
                    if (e != null) {
                        log.debug("thing {}: NotifyPropertyUpdate failed: {}", thing, e.toString());
                    } else if (!r.isSuccess()) {
                        log.info("thing {}: NotifyPropertyUpdate answered {}", thing, r.status());
                    }
                });
    }

    /** UNBIND with endpoint id 0: things of a direct edge, or a pipe leaving its Connection Server. */
    void unbind(Connection c, Unbind u) {
        Gateway gw = u.gateway();
        if (gw != null && gw.type().equals(CONNECTION_SERVER) && c.pipeOf() != null) {
            table.leave(c);
        } else {
            registry.unbind(c.own(), u.thingNames());
        }
        out.reply(c, u.header(), c.own().id(), StatusCode.SUCCESS, null, null);
    }

    /**
     * UNBIND forwarded for endpoint E: unbinds the names; a session left with no bound thing ends
     * (this is how the platform learns that the edge's socket closed, platform-link 3).
     */
    void forwardedUnbind(Connection pipe, Session s, Unbind u) {
        registry.unbind(s, u.thingNames());
        if (s.bound().isEmpty()) {
            table.end(s, "UNBIND left it no thing");
        }
        out.reply(pipe, u.header(), s.id(), StatusCode.SUCCESS, null, null);
    }
}
