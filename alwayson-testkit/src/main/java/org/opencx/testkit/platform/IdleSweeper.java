package org.opencx.testkit.platform;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs now and then on the platform's timer: closes sockets that never authenticated in time or
 * received no frame (pings included) for the idle timeout, and expires incomplete multipart messages.
 */
final class IdleSweeper implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(IdleSweeper.class);
    static final int CLOSE_GOING_AWAY = 1001;

    private final SessionTable table;
    private final Outbound out;
    private final Clock clock;
    private final long idleMillis;
    private final long authMillis;

    IdleSweeper(SessionTable table, Outbound out, Clock clock, Duration idle, Duration auth) {
        this.table = table;
        this.out = out;
        this.clock = clock;
        this.idleMillis = idle.toMillis();
        this.authMillis = auth.toMillis();
    }

    /** How often to sweep: a quarter of the shorter timeout, within 10 ms and 1 s. */
    static Duration interval(Duration idle, Duration auth) {
        long quarter = Math.min(idle.toMillis(), auth.toMillis()) / 4;
        return Duration.ofMillis(Math.max(10, Math.min(1000, quarter)));
    }

    @Override
    public void run() {
        try {
            long now = clock.millis();
            for (Connection c : table.connections()) {
                if (c.own() == null && now - c.openedAt() > authMillis) {
                    log.info("{}: no AUTH within {} ms, closing", c, authMillis);
                    out.close(c, SessionControl.CLOSE_POLICY, "Authentication timeout");
                } else if (now - c.socket().lastReceivedMillis() > idleMillis) {
                    log.info("{}: nothing received for {} ms, closing", c, idleMillis);
                    out.close(c, CLOSE_GOING_AWAY, "Idle timeout");
                }
                c.socket().expirePartials();
            }
        } catch (RuntimeException e) {
            log.warn("idle sweep failed", e);
        }
    }
}
