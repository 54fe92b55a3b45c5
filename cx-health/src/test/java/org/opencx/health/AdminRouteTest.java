package org.opencx.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opencx.config.Secret;

/** {@code /admin/log-level}: off without a token, 401/403 for a missing or wrong one, changes Log4j2 levels. */
class AdminRouteTest {
    private static final String TOKEN = "admin-token-for-the-test-8d1f";
    private static final String LOGGER = "org.opencx.health.admintest";
    private HealthServer server;

    private HealthHttp start(Secret token, LogLevels levels) {
        HealthServer.Builder b = HealthServer.builder().host("127.0.0.1").port(0).sources(new FakeSources()).adminToken(token);
        if (levels != null) {
            b.logLevels(levels);
        }
        server = b.start();
        return new HealthHttp(server.port());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        Configurator.setLevel(LOGGER, (Level) null);
    }

    @Test
    void withoutAConfiguredTokenTheRouteIsNotThere() {
        HealthHttp http = start(null, null);
        assertThat(http.post(AdminRoute.PATH + "?logger=" + LOGGER + "&level=TRACE", "X-Admin-Token", TOKEN).statusCode())
                .isEqualTo(404);
        assertThat(LogManager.getLogger(LOGGER).getLevel()).isNotEqualTo(Level.TRACE);
    }

    @Test
    void aMissingTokenIs401AndAWrongOne403() {
        HealthHttp http = start(Secret.of(TOKEN), null);
        assertThat(http.post(AdminRoute.PATH + "?logger=" + LOGGER + "&level=TRACE").statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = http.post(AdminRoute.PATH + "?logger=" + LOGGER + "&level=TRACE",
                "X-Admin-Token", TOKEN + "x");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).isEqualTo("{\"error\":\"wrong token\"}");
        assertThat(wrong.body()).doesNotContain(TOKEN);
        assertThat(LogManager.getLogger(LOGGER).getLevel()).isNotEqualTo(Level.TRACE);
    }

    @Test
    void theRightTokenChangesTheLevelAndSaysWhatItWas() {
        HealthHttp http = start(Secret.of(TOKEN), null);
        Level before = LogManager.getLogger(LOGGER).getLevel();
        HttpResponse<String> r = http.post(AdminRoute.PATH + "?logger=" + LOGGER + "&level=trace", "X-Admin-Token", TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"logger\":\"" + LOGGER + "\",\"level\":\"TRACE\",\"previous\":\"" + before.name() + "\"}");
        assertThat(LogManager.getLogger(LOGGER).getLevel()).isEqualTo(Level.TRACE);
        assertThat(LogManager.getLogger(LOGGER + ".child").getLevel()).isEqualTo(Level.TRACE);

        HttpResponse<String> read = http.get(AdminRoute.PATH + "?logger=" + LOGGER);
        assertThat(read.statusCode()).isEqualTo(401);
        HttpResponse<String> readWithToken = http.get(AdminRoute.PATH + "?logger=" + LOGGER, "X-Admin-Token", TOKEN);
        assertThat(readWithToken.body()).isEqualTo("{\"logger\":\"" + LOGGER + "\",\"level\":\"TRACE\"}");
        assertThat(http.post(AdminRoute.PATH + "?logger=" + LOGGER + "&level=INFO", "X-Admin-Token", TOKEN).statusCode())
                .isEqualTo(200);
        assertThat(LogManager.getLogger(LOGGER).getLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void badLevelsAndLoggerNamesAre400() {
        HealthHttp http = start(Secret.of(TOKEN), null);
        assertThat(http.post(AdminRoute.PATH + "?logger=" + LOGGER + "&level=LOUD", "X-Admin-Token", TOKEN).statusCode())
                .isEqualTo(400);
        assertThat(http.post(AdminRoute.PATH + "?logger=" + LOGGER, "X-Admin-Token", TOKEN).statusCode()).isEqualTo(400);
        assertThat(http.post(AdminRoute.PATH + "?logger=a%20b&level=INFO", "X-Admin-Token", TOKEN).statusCode())
                .isEqualTo(400);
    }

    @Test
    void withoutLog4j2TheRouteIs501() {
        HealthHttp http = start(Secret.of(TOKEN), LogLevels.Unavailable.INSTANCE);
        assertThat(http.post(AdminRoute.PATH + "?logger=" + LOGGER + "&level=TRACE", "X-Admin-Token", TOKEN).statusCode())
                .isEqualTo(501);
    }

    @Test
    void levelNamesParseInAnyCase() {
        assertThat(LogLevels.parse("debug")).contains("DEBUG");
        assertThat(LogLevels.parse(" Trace ")).contains("TRACE");
        assertThat(LogLevels.parse("verbose")).isEmpty();
        assertThat(LogLevels.parse(null)).isEmpty();
    }
}
