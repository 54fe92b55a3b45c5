package org.opencx.health;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The checks of one probe and their verdict, and for readiness the platform nodes; {@link #toJson()}
 * is the body the health port answers with:
 * <pre>{@code
 * {"status":"DOWN","failed":["pipes"],"checks":[{"name":"pipes","ok":false,"detail":"0 of 5 platform pipes authenticated"}, ...]}
 * {"status":"UP","failed":[],"checks":[...],"nodes":[{"url":"wss://p1:8443/Thingworx/WS","ready":5,"writable":5,"configured":5}, ...]}
 * }</pre>
 */
public record HealthReport(List<CheckResult> checks, List<PlatformPipes> nodes) {
    public HealthReport {
        checks = List.copyOf(checks);
        nodes = List.copyOf(nodes);
    }

    /** A report that lists no node. */
    public HealthReport(List<CheckResult> checks) {
        this(checks, List.of());
    }

    public boolean ok() {
        return checks.stream().allMatch(CheckResult::ok);
    }

    /** The names of the checks that failed, in order. */
    public List<String> failed() {
        return checks.stream().filter(c -> !c.ok()).map(CheckResult::name).toList();
    }

    public String toJson() {
        return Json.write(new Body(ok() ? "UP" : "DOWN", failed(), checks, nodes));
    }

    /** The JSON body, in this order; {@code nodes} only when there are some. */
    record Body(String status, List<String> failed, List<CheckResult> checks,
                @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PlatformPipes> nodes) {
    }
}
