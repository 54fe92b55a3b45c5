package org.opencx.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cx-server.metrics.*} and {@code cx-server.health-check.admin-token}: defaults, values, problems, no secret shown. */
class MetricsAndAdminKeysTest {
    private static final String TOKEN = "admin-token-0123456789abcdef";

    @Test
    void defaultsAreMetricsOnTheLogReporterOffAndNoAdminRoute() {
        CxServerSettings s = TestConfigs.load(TestConfigs.valid());
        assertThat(s.metrics()).isEqualTo(MetricsSettings.DEFAULTS);
        assertThat(s.metrics().enabled()).isTrue();
        assertThat(s.metrics().slf4j().enabled()).isFalse();
        assertThat(s.metrics().slf4j().period()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.metrics().platform().enabled()).isTrue();
        assertThat(s.metrics().platform().period()).isEqualTo(Duration.ofSeconds(60));
        assertThat(s.adminToken()).isNull();
    }

    @Test
    void thePlatformReporterTakesADuration() {
        CxServerSettings s = TestConfigs.load("cx-server.metrics.reporters.platform { enabled = false, period = 15s }");
        assertThat(s.metrics().platform()).isEqualTo(new MetricsSettings.Reporter(false, Duration.ofSeconds(15)));
        assertThat(TestConfigs.problems("cx-server.metrics.reporters.platform.period = 0s"))
                .singleElement().satisfies(p -> assertThat(p.expected()).isEqualTo("a positive duration"));
    }

    @Test
    void theReferenceProductsReporterKeysAreRead() {
        CxServerSettings s = TestConfigs.load("""
                cx-server.metrics {
                  enabled = false
                  reporters.slf4j { enabled = true, period_in_seconds = 15 }
                }
                """);
        assertThat(s.metrics()).isEqualTo(new MetricsSettings(false, new MetricsSettings.Reporter(true, Duration.ofSeconds(15))));
    }

    @Test
    void aZeroPeriodIsAProblem() {
        assertThat(TestConfigs.problems("cx-server.metrics.reporters.slf4j.period_in_seconds = 0"))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("cx-server.metrics.reporters.slf4j.period_in_seconds");
                    assertThat(p.expected()).isEqualTo("a positive whole number");
                });
    }

    @Test
    void aMistypedReporterKeyIsSuggested() {
        assertThat(TestConfigs.problems("cx-server.metrics.reporters.slf4j.period_in_second = 5"))
                .singleElement().satisfies(p -> assertThat(p.expected())
                        .contains("cx-server.metrics.reporters.slf4j.period_in_seconds"));
    }

    @Test
    void theAdminTokenIsASecretReference() {
        CxServerSettings s = SettingsLoader.load(TestConfigs.with("cx-server.health-check.admin-token = \"secret:admin\""),
                name -> name.equals("admin") ? java.util.Optional.of(TOKEN) : TestConfigs.RESOLVER.resolve(name));
        assertThat(s.adminToken().reveal()).isEqualTo(TOKEN);
        assertThat(s.toString()).doesNotContain(TOKEN);
    }

    @Test
    void aShortAdminTokenIsAProblemThatDoesNotShowIt() {
        assertThat(TestConfigs.problems("cx-server.health-check.admin-token = \"short-token\""))
                .singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("cx-server.health-check.admin-token");
                    assertThat(p.expected()).isEqualTo("a token of at least 16 characters");
                    assertThat(p.line()).doesNotContain("short-token");
                });
    }

    @Test
    void aPlainTextAdminTokenIsWarnedAboutByKeyOnly() {
        try (CapturedLogs logs = new CapturedLogs()) {
            CxServerSettings s = TestConfigs.load("cx-server.health-check.admin-token = \"" + TOKEN + "\"");
            assertThat(s.adminToken().reveal()).isEqualTo(TOKEN);
            assertThat(logs.lines()).filteredOn(l -> l.startsWith("WARN")).singleElement().asString()
                    .contains("cx-server.health-check.admin-token").doesNotContain(TOKEN);
        }
    }
}
