package org.opencx.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cx-server.discovery.*} and {@code transport.websockets.tls-enabled}: ZooKeeper instead of a static list. */
class DiscoveryKeysTest {
    private static final String D = "cx-server.discovery.";
    private static final String LINK = "cx-server.transport.websockets.";

    /** The valid configuration without its platforms list, plus {@code hocon}. */
    private static Config withoutPlatforms(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(TestConfigs.valid().withoutPath(LINK + "platforms"));
    }

    @Test
    void withoutAConnectionStringTheStaticListIsUsed() {
        CxServerSettings s = TestConfigs.load(TestConfigs.valid());
        assertThat(s.discovery()).isNull();
        assertThat(s.clustered()).isFalse();
        assertThat(s.platform().platforms()).containsExactly(TestConfigs.PLATFORM);
    }

    @Test
    void aConnectionStringAloneIsEnoughAndTakesEveryDefault() {
        CxServerSettings s = TestConfigs.load(withoutPlatforms(D + "connectionString = \"zk1:2181,zk2:2181,zk3:2181\""));
        assertThat(s.clustered()).isTrue();
        assertThat(s.platform().platforms()).isEmpty();
        assertThat(s.discovery()).isEqualTo(DiscoverySettings.of("zk1:2181,zk2:2181,zk3:2181"));
        DiscoverySettings d = s.discovery();
        assertThat(d.basePath()).isEqualTo("/services");
        assertThat(d.serviceName()).isEqualTo("thingworx-https");
        assertThat(d.tls()).isTrue();
        assertThat(d.sasl()).isNull();
        assertThat(d.retry()).isEqualTo(new DiscoverySettings.Retry(Duration.ofSeconds(1), Duration.ofSeconds(30), 29));
        assertThat(d.sessionTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.connectionTimeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(d.leaveDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(d.advertisedHost()).isNull();
    }

    @Test
    void withDiscoveryAStaticListIsIgnored() {
        CxServerSettings s = TestConfigs.load(D + "connectionString = \"zk1:2181\"");
        assertThat(s.platform().platforms()).isEmpty();
        assertThat(s.discovery().connectionString()).isEqualTo("zk1:2181");
    }

    @Test
    void withNeitherAListNorDiscoveryThePlatformsAreMissing() {
        assertThat(TestConfigs.problems(withoutPlatforms(""))).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(LINK + "platforms");
            assertThat(p.expected()).endsWith("(required unless cx-server.discovery.connectionString is set)");
        });
    }

    @Test
    void everyKeyIsRead() {
        DiscoverySettings d = TestConfigs.load(withoutPlatforms("""
                cx-server.discovery {
                  connectionString = "zk1:2181,zk2:2182/twx"
                  basePath = "/twx1/services"
                  service-name = "thingworx-https-east"
                  session-timeout = 20s
                  connection-timeout = 3s
                  retry { base-sleep = 100ms, max-sleep = 2s, max-retries = 5 }
                  leave-delay = 0
                  advertised-host = "cx-1.example.com"
                }
                """)).discovery();
        assertThat(d).isEqualTo(new DiscoverySettings("zk1:2181,zk2:2182/twx", "/twx1/services", "thingworx-https-east",
                true, null, Duration.ofSeconds(20), Duration.ofSeconds(3),
                new DiscoverySettings.Retry(Duration.ofMillis(100), Duration.ofSeconds(2), 5), Duration.ZERO,
                "cx-1.example.com"));
    }

    @Test
    void theServiceNameFollowsTlsAndTheOtherWayRound() {
        String zk = D + "connectionString = \"zk1:2181\"\n";
        DiscoverySettings plain = TestConfigs.load(withoutPlatforms(zk + LINK + "tls-enabled = false")).discovery();
        assertThat(plain.serviceName()).isEqualTo("thingworx-http");
        assertThat(plain.tls()).isFalse();
        DiscoverySettings http = TestConfigs.load(withoutPlatforms(zk + D + "service-name = thingworx-http")).discovery();
        assertThat(http.tls()).isFalse();
        DiscoverySettings custom = TestConfigs.load(withoutPlatforms(zk + D + "service-name = tw-east")).discovery();
        assertThat(custom.tls()).isTrue();
        assertThat(TestConfigs.problems(withoutPlatforms(zk + D + "service-name = thingworx-http\n" + LINK
                + "tls-enabled = true"))).singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo(LINK + "tls-enabled");
                    assertThat(p.expected()).contains("thingworx-http", "false");
                });
    }

    @Test
    void badValuesAreProblemsNamingTheKey() {
        assertThat(TestConfigs.problems("""
                cx-server.discovery {
                  connectionString = "zk1:99999,zk2"
                  basePath = "services/"
                  service-name = "a/b"
                  retry { base-sleep = 2s, max-sleep = 1s, max-retries = 30 }
                  leave-delay = -1s
                  advertised-host = " "
                }
                """)).extracting(ConfigProblem::path).containsExactlyInAnyOrder(D + "connectionString", D + "basePath",
                D + "service-name", D + "retry.max-sleep", D + "retry.max-retries", D + "leave-delay",
                D + "advertised-host");
        assertThat(TestConfigs.problems(D + "connectionString = \"zk1:2181/\"")).extracting(ConfigProblem::path)
                .containsExactly(D + "connectionString");
    }

    @Test
    void theDiscoveryKeysAreCheckedEvenWithoutAConnectionString() {
        assertThat(TestConfigs.problems(D + "basePath = \"/a//b\"")).extracting(ConfigProblem::path)
                .containsExactly(D + "basePath");
    }

    @Test
    void saslNeedsBothFilesAndTheyMustExist(@TempDir Path dir) throws Exception {
        String zk = D + "connectionString = \"zk1:2181\"\n" + D + "sasl-enabled = true\n";
        assertThat(TestConfigs.problems(withoutPlatforms(zk))).extracting(ConfigProblem::path, ConfigProblem::expected)
                .containsExactlyInAnyOrder(
                        tuple(D + "sasl.krb5-conf.file",
                                "the Kerberos configuration file (required while cx-server.discovery.sasl-enabled is true)"),
                        tuple(D + "sasl-jaas-file", "a JAAS configuration file with a Client section"
                                + " (required while cx-server.discovery.sasl-enabled is true)"));

        Path krb5 = Files.writeString(dir.resolve("krb5.conf"), "[libdefaults]\n");
        Path jaas = dir.resolve("jaas.conf");
        String files = D + "sasl.krb5-conf.file = \"" + krb5 + "\"\n" + D + "sasl-jaas-file = \"" + jaas + "\"\n";
        assertThat(TestConfigs.problems(withoutPlatforms(zk + files))).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo(D + "sasl-jaas-file");
            assertThat(p.expected()).isEqualTo("an existing, readable file");
        });

        Files.writeString(jaas, "Client { com.sun.security.auth.module.Krb5LoginModule required; };\n");
        DiscoverySettings d = TestConfigs.load(withoutPlatforms(zk + files)).discovery();
        assertThat(d.sasl()).isEqualTo(new DiscoverySettings.ZooKeeperSasl(krb5, jaas));
    }

    @Test
    void saslFilesAreNotNeededWhileSaslIsOff() {
        DiscoverySettings d = TestConfigs.load(withoutPlatforms(D + "connectionString = \"zk1:2181\"\n" + D
                + "sasl-jaas-file = \"/nowhere/jaas.conf\"")).discovery();
        assertThat(d.sasl()).isNull();
    }
}
