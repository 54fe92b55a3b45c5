package org.opencx.health;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The status page's HTML: one self-contained document (inline CSS, no script, no resource from
 * elsewhere) that reloads itself. Every text from outside is escaped.
 */
final class StatusHtml {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final String CSS = """
            :root{--ok:#1a7f37;--bad:#cf222e;--ink:#1f2328;--mute:#656d76;--line:#d0d7de;--bg:#f6f8fa}
            *{box-sizing:border-box}
            body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
            header{background:#24292f;color:#fff;padding:18px 32px;display:flex;align-items:center;justify-content:space-between;gap:24px}
            h1{margin:0;font-size:22px;font-weight:600}
            .sub{color:#c9d1d9;margin-top:2px}
            .verdict{font-weight:700;font-size:18px;letter-spacing:.05em;padding:6px 18px;border-radius:999px;color:#fff}
            .up{background:var(--ok)}.down{background:var(--bad)}
            main{padding:20px 32px;max-width:1200px}
            .cards{display:grid;grid-template-columns:repeat(4,1fr);gap:14px;margin-bottom:18px}
            .card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 16px}
            .card .label{color:var(--mute);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
            .card .value{font-size:28px;font-weight:600;margin-top:2px}
            .card .note{color:var(--mute);font-size:12px}
            .grid{display:grid;grid-template-columns:1fr 1fr;gap:14px}
            section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 16px;margin-bottom:14px}
            h2{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--mute);margin:0 0 8px}
            table{border-collapse:collapse;width:100%}
            th,td{text-align:left;padding:5px 8px;border-top:1px solid #eaeef2;vertical-align:top}
            th{font-weight:600;color:var(--mute);font-size:12px;border-top:none}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
            .ok{color:var(--ok);font-weight:600}.bad{color:var(--bad);font-weight:600}
            .WARN{color:#9a6700;font-weight:600}.ERROR,.FATAL{color:var(--bad);font-weight:600}
            code,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
            .msg{word-break:break-word}
            td.time{white-space:nowrap}
            p.foot{color:var(--mute);margin:10px 0 0}
            .empty{color:var(--mute);font-style:italic}
            footer{color:var(--mute);padding:0 32px 24px;font-size:12px}
            footer a{color:var(--mute)}
            """;

    private StatusHtml() {
    }

    /** Everything one rendering shows. */
    record View(StatusFigures figures, String version, Instant now, ZoneId zone, HealthReport platform,
                HealthReport ready, Optional<MessageRates.Rates> rates, boolean logCaptured,
                List<RecentWarnings.LogLine> warnings, Duration refresh) {
    }

    static String render(View v) {
        StatusFigures f = v.figures();
        String name = f.name().isEmpty() ? "Connection Server" : f.name();
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"").append(v.refresh().toSeconds()).append("\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(name)).append(" · OpenCX status</title><style>").append(CSS)
                .append("</style></head><body>\n");
        header(b, v, name);
        b.append("<main>\n");
        cards(b, v);
        b.append("<div class=\"grid\"><div>\n");
        checks(b, v);
        b.append("</div><div>\n");
        pipes(b, f);
        refusals(b, f);
        b.append("</div></div>\n");
        warnings(b, v);
        b.append("</main>\n<footer>Reloads every ").append(v.refresh().toSeconds()).append(" s · as of ")
                .append(esc(time(v.now(), v.zone()))).append(' ').append(esc(zone(v.zone())))
                .append(" · <a href=\"/health/ready\">/health/ready</a> · <a href=\"/metrics\">/metrics</a></footer>\n")
                .append("</body></html>\n");
        return b.toString();
    }

    private static void header(StringBuilder b, View v, String name) {
        boolean up = v.ready().ok();
        b.append("<header><div><h1 id=\"name\">").append(esc(name)).append("</h1><div class=\"sub\">")
                .append("OpenCX Connection Server · version <span id=\"version\">").append(esc(v.version()))
                .append("</span> · up <span id=\"uptime\">")
                .append(v.figures().started() == null ? "unknown" : uptime(Duration.between(v.figures().started(), v.now())))
                .append("</span></div></div><div id=\"verdict\" class=\"verdict ").append(up ? "up\">UP" : "down\">DOWN")
                .append("</div></header>\n");
    }

    private static void cards(StringBuilder b, View v) {
        StatusFigures f = v.figures();
        b.append("<div class=\"cards\">\n");
        card(b, "edge-connections", "Edge connections", count(f.edgeConnections()), "WebSockets open now");
        card(b, "bound-things", "Bound things", count(f.boundThings()), "bound through this server");
        card(b, "rate-to-platform", "Edge → platform", rate(v.rates().map(MessageRates.Rates::toPlatform)),
                "messages/s · " + count(f.toPlatform()) + " since start");
        card(b, "rate-to-edges", "Platform → edge", rate(v.rates().map(MessageRates.Rates::toEdges)),
                "messages/s · " + count(f.toEdges()) + " since start");
        b.append("</div>\n");
    }

    private static void card(StringBuilder b, String id, String label, String value, String note) {
        b.append("<div class=\"card\"><div class=\"label\">").append(esc(label)).append("</div><div class=\"value\" id=\"")
                .append(id).append("\">").append(esc(value)).append("</div><div class=\"note\">").append(esc(note))
                .append("</div></div>\n");
    }

    private static void checks(StringBuilder b, View v) {
        b.append("<section><h2>Checks</h2><table id=\"checks\"><tr><th>check</th><th>result</th><th>detail</th></tr>\n");
        for (CheckResult c : v.ready().checks()) {
            b.append("<tr><td>").append(esc(c.name())).append("</td><td class=\"").append(c.ok() ? "ok\">pass" : "bad\">fail")
                    .append("</td><td>").append(esc(c.detail())).append("</td></tr>\n");
        }
        boolean lb = v.platform().ok();
        b.append("</table><p class=\"foot\">Load balancer check (<code>/</code>): <span id=\"lb\" class=\"")
                .append(lb ? "ok\">UP" : "bad\">DOWN").append("</span>; readiness (<code>/health/ready</code>): ")
                .append(v.ready().ok() ? "<span class=\"ok\">UP</span>" : "<span class=\"bad\">DOWN</span>")
                .append("</p></section>\n");
    }

    private static void pipes(StringBuilder b, StatusFigures f) {
        b.append("<section><h2>Platform pipes</h2><table id=\"pipes\"><tr><th>platform</th><th class=\"n\">ready</th>")
                .append("<th class=\"n\">writable</th><th class=\"n\">configured</th></tr>\n");
        for (PlatformPipes p : f.platforms()) {
            b.append("<tr><td class=\"mono\">").append(esc(p.url())).append("</td><td class=\"n ")
                    .append(p.ready() > 0 ? "ok" : "bad").append("\">").append(p.ready()).append("</td><td class=\"n\">")
                    .append(p.writable()).append("</td><td class=\"n\">").append(p.configured()).append("</td></tr>\n");
        }
        if (f.platforms().isEmpty()) {
            b.append("<tr><td colspan=\"4\" class=\"empty\">no platform</td></tr>\n");
        }
        b.append("</table></section>\n");
    }

    private static void refusals(StringBuilder b, StatusFigures f) {
        b.append("<section><h2>Refusals since start</h2><table id=\"refusals\"><tr><th>reason</th><th class=\"n\">count</th></tr>\n");
        boolean any = false;
        for (Map.Entry<String, Long> e : f.refusals().entrySet()) {
            if (e.getValue() > 0) {
                any = true;
                b.append("<tr><td>").append(esc(e.getKey())).append("</td><td class=\"n\">").append(count(e.getValue()))
                        .append("</td></tr>\n");
            }
        }
        if (!any) {
            b.append("<tr><td colspan=\"2\" class=\"empty\">none</td></tr>\n");
        }
        b.append("</table></section>\n");
    }

    private static void warnings(StringBuilder b, View v) {
        b.append("<section><h2>Last warnings and errors, newest first</h2>");
        if (!v.logCaptured()) {
            b.append("<p id=\"warnings\" class=\"empty\">log capture not available (Log4j2 is not the logging back-end)</p></section>\n");
            return;
        }
        b.append("<table id=\"warnings\"><tr><th>time</th><th>level</th><th>logger</th><th>message</th></tr>\n");
        List<RecentWarnings.LogLine> lines = v.warnings();
        for (int i = lines.size() - 1; i >= 0; i--) {
            RecentWarnings.LogLine l = lines.get(i);
            b.append("<tr><td class=\"mono time\">").append(esc(time(l.time(), v.zone()))).append("</td><td class=\"")
                    .append(esc(l.level())).append("\">").append(esc(l.level())).append("</td><td class=\"mono\">")
                    .append(esc(l.logger())).append("</td><td class=\"msg\">").append(esc(l.message())).append("</td></tr>\n");
        }
        if (lines.isEmpty()) {
            b.append("<tr><td colspan=\"4\" class=\"empty\">none since the health port started</td></tr>\n");
        }
        b.append("</table></section>\n");
    }

    /** {@code s} safe in HTML text and in a quoted attribute. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String uptime(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        if (s < 86_400) {
            return s / 3600 + " h " + s % 3600 / 60 + " min";
        }
        return s / 86_400 + " d " + s % 86_400 / 3600 + " h";
    }

    private static String rate(Optional<Double> perSecond) {
        return perSecond.map(r -> String.format(Locale.ROOT, r >= 100 ? "%,.0f" : "%.1f", r)).orElse("–");
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String zone(ZoneId zone) {
        return zone.normalized().equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    private static String time(Instant t, ZoneId zone) {
        return TIME.format(t.atZone(zone));
    }
}
