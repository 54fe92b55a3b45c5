package org.opencx.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@code GET /status} over fake sources: what it shows, its status code, escaping, no outside resources. */
class StatusPageTest {
    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    private final FakeSources sources = new FakeSources();
    private final SetClock clock = new SetClock(START.plus(Duration.ofMinutes(3)));
    private HealthServer server;
    private HealthHttp http;

    private void start(RecentWarnings warnings) {
        HealthServer.Builder b = HealthServer.builder().host("127.0.0.1").port(0).sources(sources).version("1.2.3-test")
                .clock(clock).statusPage(new StatusPageSettings(Duration.ofSeconds(7), Duration.ofSeconds(30), 5));
        if (warnings != null) {
            b.warnings(warnings);
        }
        server = b.start();
        http = new HealthHttp(server.port());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static StatusFigures figures(int ready, long toPlatform, long toEdges, Map<String, Long> refusals) {
        return new StatusFigures("StatusCx-<1>", START, List.of(PlatformPipes.of(
                URI.create("wss://user:pw@platform.example:8443/Thingworx/WS?appKey=x"), ready, ready, 2)),
                12, 9, toPlatform, toEdges, refusals);
    }

    @Test
    void showsNameVersionUptimeVerdictPipesCountsAndRates() {
        sources.figures = figures(2, 1000, 400, Map.of());
        start(null);
        sources.figures = figures(2, 1600, 500, Map.of());
        clock.advance(Duration.ofSeconds(10));
        HttpResponse<String> r = http.get("/status");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
        String page = r.body();
        assertThat(page).startsWith("<!DOCTYPE html>")
                .contains("<meta http-equiv=\"refresh\" content=\"7\">")
                .contains("<h1 id=\"name\">StatusCx-&lt;1&gt;</h1>")
                .contains("<span id=\"version\">1.2.3-test</span>")
                .contains("<span id=\"uptime\">3 min 10 s</span>")
                .contains("id=\"verdict\" class=\"verdict up\">UP<")
                .contains("id=\"edge-connections\">12<", "id=\"bound-things\">9<")
                .contains("id=\"rate-to-platform\">60.0<", "id=\"rate-to-edges\">10.0<", "1,600 since start")
                .contains("<td class=\"mono\">wss://platform.example:8443/Thingworx/WS</td><td class=\"n ok\">2</td>")
                .contains("<td>pipes</td><td class=\"ok\">pass</td><td>2 of 2 platform pipes authenticated</td>")
                .doesNotContain("user:pw", "appKey");
    }

    @Test
    void withoutAPipeItIs504AndSaysDown() {
        sources.pipesReady = 0;
        sources.figures = figures(0, 0, 0, Map.of());
        start(null);
        HttpResponse<String> r = http.get("/status");
        assertThat(r.statusCode()).isEqualTo(504);
        assertThat(r.body()).contains("id=\"verdict\" class=\"verdict down\">DOWN<",
                "<td>pipes</td><td class=\"bad\">fail</td>", "id=\"lb\" class=\"bad\">DOWN<", "class=\"n bad\">0</td>");
        assertThat(http.head("/status").statusCode()).isEqualTo(504);
    }

    @Test
    void refusalsShowTheReasonsThatHappened() {
        Map<String, Long> refusals = new LinkedHashMap<>();
        refusals.put("auth_rejected", 3L);
        refusals.put("too_large", 0L);
        refusals.put("slow_reader", 12_345L);
        sources.figures = figures(2, 0, 0, refusals);
        start(null);
        String page = http.get("/status").body();
        assertThat(page).contains("<td>auth_rejected</td><td class=\"n\">3</td>", "<td>slow_reader</td><td class=\"n\">12,345</td>")
                .doesNotContain("too_large");
        sources.figures = figures(2, 0, 0, Map.of("too_large", 0L));
        assertThat(http.get("/status").body()).contains("<td colspan=\"2\" class=\"empty\">none</td>");
    }

    @Test
    void theLastWarningsAreShownEscapedNewestFirstAndNothingBelowWarn() {
        start(null);
        var log = LoggerFactory.getLogger("org.opencx.health.statuspagetest");
        log.info("an info line that must not be kept");
        log.warn("first warning <script>alert(1)</script> & more");
        log.error("an error", new IllegalStateException("the cause"));
        String page = http.get("/status").body();
        assertThat(page).contains("first warning &lt;script&gt;alert(1)&lt;/script&gt; &amp; more",
                        "an error (java.lang.IllegalStateException: the cause)", "org.opencx.health.statuspagetest")
                .doesNotContain("<script", "an info line");
        assertThat(page.indexOf("an error (")).isLessThan(page.indexOf("first warning"));
    }

    @Test
    void withoutLog4j2ItSaysLogCaptureIsNotAvailable() {
        start(RecentWarnings.Unavailable.INSTANCE);
        assertThat(http.get("/status").body()).contains("log capture not available");
    }

    @Test
    void thePageLoadsNothingFromElsewhere() {
        sources.figures = figures(2, 0, 0, Map.of());
        start(null);
        String page = http.get("/status").body();
        assertThat(page).doesNotContain("<script", "<link", "<img", "src=", "@import", "url(", "http://", "https://");
    }

    @Test
    void aSourceThatTellsNothingStillGivesAPage() {
        start(RecentWarnings.Unavailable.INSTANCE);
        HttpResponse<String> r = http.get("/status");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<h1 id=\"name\">Connection Server</h1>", "<span id=\"uptime\">unknown</span>",
                "no platform", "id=\"rate-to-platform\">–<");
    }
}
