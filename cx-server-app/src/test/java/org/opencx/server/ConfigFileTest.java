package org.opencx.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opencx.config.CxServerSettings;
import org.opencx.config.Secret;
import org.opencx.config.SettingsLoader;
import org.opencx.config.security.SecretStore;
import org.opencx.config.security.SecretStoreResolver;
import org.opencx.testkit.edge.EdgeClient;
import org.opencx.testkit.platform.ReferencePlatform;

/** A server started from a configuration file written by the test, its app key kept encrypted. */
class ConfigFileTest {
    private static final String CS_KEY = "cs-key-never-to-be-logged-5b1f";
    private static final String DEVICE_KEY = "device-key-never-to-be-logged-77aa";
    private static final char[] MASTER = "master-password-for-the-test".toCharArray();

    @Test
    void startsFromAFileWithEncryptedSecretsAndLogsNoSecret() throws Exception {
        Path dir = Pki.tempDir();
        SecretStore store = SecretStore.create(dir.resolve("cxserver.secrets"), MASTER);
        store.put("appKey", Secret.of(CS_KEY));
        store.save();

        try (CapturedLog log = new CapturedLog();
             ReferencePlatform platform = ReferencePlatform.builder().appKey(CS_KEY).appKey(DEVICE_KEY).autoCreateThings(true).build()) {
            platform.start();
            Path conf = dir.resolve("cxserver.conf");
            Files.writeString(conf, """
                    cx-server {
                      thing.name = "FileCx"
                      protocol {
                        host = "127.0.0.1"
                        port = 0
                        http-server.ssl.enabled = false
                      }
                      transport.websockets {
                        app-key = "secret:appKey"
                        platforms = ["%s"]
                        connections.pipe-count = 2
                      }
                      health-check.port = 0
                    }
                    """.formatted(platform.wsUri()), StandardCharsets.UTF_8);
            CxServerSettings settings = SettingsLoader.fromFile(conf, new SecretStoreResolver(SecretStore.open(dir.resolve("cxserver.secrets"), MASTER)));
            assertThat(settings.platform().pipeCount()).isEqualTo(2);

            try (ConnectionServer server = ConnectionServer.builder().settings(settings).build()) {
                server.start().get(20, TimeUnit.SECONDS);
                EdgeClient device = EdgeClient.builder(URI.create("ws://127.0.0.1:" + server.edgePort() + "/Thingworx/WS"))
                        .appKey(DEVICE_KEY).thing("FileDevice").reconnect(false).build();
                device.thing("FileDevice").property("Temperature", 7.0);
                device.connect().get(20, TimeUnit.SECONDS);
                platform.awaitConnected("FileDevice", true, Duration.ofSeconds(10));
                device.disconnect().get(10, TimeUnit.SECONDS);
            }
            assertThat(log.text()).contains("Connection Server is started").doesNotContain(CS_KEY).doesNotContain(DEVICE_KEY);
        }
    }
}
