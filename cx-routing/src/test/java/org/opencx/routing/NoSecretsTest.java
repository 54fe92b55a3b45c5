package org.opencx.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.Claim;
import org.opencx.alwayson.Header;
import org.opencx.alwayson.StatusCode;
import org.opencx.routing.Pending.FromEdge;
import org.opencx.routing.Pending.FromPlatform;
import org.opencx.routing.Pending.Internal;
import org.opencx.routing.Pending.Kind;

/** App keys and claim values never reach a log line or a toString, even at DEBUG. */
class NoSecretsTest {
    private static final String SECRET = "s3cr3t-claim-value-5a7e";
    private static final String LOGGER = "org.opencx";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender capture = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
        @Override
        public void append(LogEvent event) {
            lines.add(event.getMessage().getFormattedMessage());
        }
    };
    private Level before;

    @BeforeEach
    void captureDebugLogs() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        before = ctx.getConfiguration().getLoggerConfig(LOGGER).getLevel();
        Configurator.setLevel(LOGGER, Level.DEBUG);
        capture.start();
        ctx.getConfiguration().getLoggerConfig(LOGGER).addAppender(capture, Level.DEBUG, null);
        ctx.updateLoggers();
    }

    @AfterEach
    void restoreLogs() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        ctx.getConfiguration().getLoggerConfig(LOGGER).removeAppender("capture");
        Configurator.setLevel(LOGGER, before);
        capture.stop();
    }

    @Test
    void authFlowsNeverLogAClaimValue() {
        Script script = new Script();
        FakePipe pipe = script.pipes.get(0);
        EdgeSession refused = script.connect();
        script.send(refused, Script.auth(1, SECRET));
        script.answer(pipe, pipe.last(), StatusCode.UNAUTHORIZED, Header.NO_SESSION, "bad key");
        script.send(refused, Script.auth(2, SECRET));
        script.send(refused, Script.auth(3, SECRET));
        script.send(refused, Script.truncated(Script.auth(4, SECRET), 3));
        script.router.onEdgeClosed(refused);

        EdgeSession accepted = script.authenticated(SECRET);
        script.bound(accepted, "Pump");
        script.allPipesDown();
        pipe.up();
        script.router.onPipeReady(pipe);
        script.answer(pipe, StatusCode.UNAUTHORIZED, Header.NO_SESSION);
        script.router.onEdgeClosed(accepted);
        script.clock.advance(script.settings.requestTimeout());
        script.router.tick();

        assertThat(lines).anyMatch(l -> l.contains("refused the edge's credentials"))
                .anyMatch(l -> l.contains("replayed AUTH answered")).anyMatch(l -> l.contains("message refused"));
        assertThat(lines).noneMatch(l -> l.contains(SECRET));
    }

    @Test
    void sessionsAndPendingEntriesNeverShowClaims() {
        Script script = new Script();
        EdgeSession s = script.authenticated(SECRET);
        List<Claim> claims = List.of(Claim.appKey(SECRET));
        List<Object> shown = List.of(s,
                new FromEdge(s, 1, 0, Kind.AUTH, List.of("Pump"), claims, 0, 1, 0, 0),
                new FromPlatform(s, 1, s.endpointId(), s.platformSessionId(), 0, 1, 0),
                new Internal("replayed AUTH of " + s, r -> { }, 0, 0));

        assertThat(shown).allSatisfy(o -> assertThat(o.toString()).doesNotContain(SECRET));
    }
}
