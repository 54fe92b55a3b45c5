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
        return Json.write(new Body(ok() ? "UP" : "DOWN", failed(), checks));
    }

    /** The JSON body, in this order. */
    record Body(String status, List<String> failed, List<CheckResult> checks) {
    }
}
