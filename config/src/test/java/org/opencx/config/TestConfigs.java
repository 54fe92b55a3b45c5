package org.opencx.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** A valid configuration to vary, the secrets it references, and short ways to load it. */
final class TestConfigs {
    static final String APP_KEY = "super-secret-key-123";
    static final URI PLATFORM = URI.create("wss://platform.test:443/Thingworx/WS");
    static final String THING = "CXTest";
    static final String KEY_STORE_FILE = "cx-server.protocol.http-server.ssl.key-store.file";
    static final String PLATFORM_TRUST_STORE_FILE = "cx-server.transport.websockets.ssl.trust-store.file";
    static final Map<String, String> SECRETS = Map.of("cs-app-key", APP_KEY,
            "cs-key-store-password", TestStores.KEY_STORE_PASSWORD,
            "cs-trust-store-password", TestStores.TRUST_STORE_PASSWORD);
    static final SecretResolver RESOLVER = name -> Optional.ofNullable(SECRETS.get(name));

    private TestConfigs() {
    }

    /** The required keys, secrets as references, the test key store. */
    static Config valid() {
        return ConfigFactory.parseString("""
                cx-server {
                  thing.name = "CXTest"
                  transport.websockets {
                    app-key = "secret:cs-app-key"
                    platforms = ["wss://platform.test:443/Thingworx/WS"]
                  }
                  protocol.http-server.ssl.key-store.password = "secret:cs-key-store-password"
                }
                """).withValue(KEY_STORE_FILE, ConfigValueFactory.fromAnyRef(TestStores.KEY_STORE.toString()));
    }

    /** {@code hocon} over the valid configuration. */
    static Config with(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(valid());
    }

    static CxServerSettings load(Config config) {
        return SettingsLoader.load(config, RESOLVER);
    }

    static CxServerSettings load(String hocon) {
        return load(with(hocon));
    }

    /** The problems loading {@code config} reports; fails when it loads. */
    static List<ConfigProblem> problems(Config config) {
        return assertThatExceptionOfType(ConfigurationException.class).isThrownBy(() -> load(config))
                .actual().problems();
    }

    static List<ConfigProblem> problems(String hocon) {
        return problems(with(hocon));
    }

    /** The test key store in place of the one a shipped file names. */
    static Config withTestKeyStore(Config config) {
        return config.withValue(KEY_STORE_FILE, ConfigValueFactory.fromAnyRef(TestStores.KEY_STORE.toString()));
    }

    /** The test trust store in place of the platform trust store a shipped file names. */
    static Config withTestTrustStore(Config config) {
        return config.withValue(PLATFORM_TRUST_STORE_FILE,
                ConfigValueFactory.fromAnyRef(TestStores.TRUST_STORE.toString()));
    }
}
