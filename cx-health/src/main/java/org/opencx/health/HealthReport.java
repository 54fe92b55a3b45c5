package org.opencx.health;

import java.util.List;

/**
 * The checks of one probe and their verdict; {@link #toJson()} is the body the health port
 * answers with:
 * <pre>{@code
 * {"status":"DOWN","failed":["pipes"],"checks":[{"name":"pipes","ok":false,"detail":"0 of 5 platform pipes authenticated"}, ...]}
 * }</pre>
 */
public record HealthReport(List<CheckResult> checks) {
    public HealthReport {
        checks = List.copyOf(checks);
    }

    public boolean ok() {
        return checks.stream().allMatch(CheckResult::ok);
    }

    /** The names of the checks that failed, in order. */
    public List<String> failed() {
        return checks.stream().filter(c -> !c.ok()).map(CheckResult::name).toList();
    }

    public String toJson() {
        StringBuilder b = new StringBuilder(64 + 96 * checks.size());
        b.append("{\"status\":\"").append(ok() ? "UP" : "DOWN").append("\",\"failed\":[");
        List<String> failed = failed();
        for (int i = 0; i < failed.size(); i++) {
            b.append(i == 0 ? "" : ",");
            string(b, failed.get(i));
        }
        b.append("],\"checks\":[");
        for (int i = 0; i < checks.size(); i++) {
            CheckResult c = checks.get(i);
            b.append(i == 0 ? "{" : ",{").append("\"name\":");
            string(b, c.name());
            b.append(",\"ok\":").append(c.ok()).append(",\"detail\":");
            string(b, c.detail());
            b.append('}');
        }
        return b.append("]}").toString();
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        b.append('"');
    }
}
