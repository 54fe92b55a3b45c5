package org.opencx.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Turns HOCON rooted at {@code cx-server} into validated {@link CxServerSettings}, once, at
 * start-up. Defaults come from {@code reference.conf}. Every problem is collected before failing:
 * a {@link ConfigurationException} lists them all, one line each, never showing a secret.
 * <pre>{@code
 * CxServerSettings settings = SettingsLoader.fromFile(Path.of("config/cxserver.conf"), secretsStore);
 * }</pre>
 */
public final class SettingsLoader {
    private SettingsLoader() {
    }

    /** Loads {@code config}; the reference defaults are added beneath it if it lacks them. */
    public static CxServerSettings load(Config config, SecretResolver secrets) {
        Config reference = ConfigFactory.defaultReference();
        Config full = resolved(() -> config.withFallback(reference).resolve());
        List<ConfigProblem> problems = new ArrayList<>(new UnknownKeys(reference, Keys.ALL).find(full));
        if (problems.stream().anyMatch(p -> p.path().equals(Keys.ROOT))) {
            throw new ConfigurationException(problems);
        }
        KeyReader reader = new KeyReader(full, reference, secrets);
        reader.checkAliases(Keys.ALL);
        CxServerSettings settings = new SettingsAssembler(reader).assemble();
        problems.addAll(reader.problems());
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(ConfigProblem::path));
            throw new ConfigurationException(problems);
        }
        return settings;
    }

    /** Loads one HOCON file over the reference defaults. */
    public static CxServerSettings fromFile(Path file, SecretResolver secrets) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigurationException(List.of(new ConfigProblem("config.file", file.toString(),
                    "an existing, readable configuration file")));
        }
        Config parsed = resolved(() -> ConfigFactory.parseFile(file.toFile(),
                ConfigParseOptions.defaults().setAllowMissing(false)));
        return load(parsed, secrets);
    }

    /**
     * Loads what Typesafe Config's standard loading finds: {@code -Dconfig.file} (or
     * {@code config.resource}, {@code config.url}, else {@code application.conf}), with system
     * properties such as {@code -Dcx-server.protocol.port=9443} on top.
     */
    public static CxServerSettings fromSystemProperties(SecretResolver secrets) {
        String file = System.getProperty("config.file");
        if (file != null && !Files.isRegularFile(Path.of(file))) {
            throw new ConfigurationException(List.of(new ConfigProblem("config.file", file,
                    "an existing, readable configuration file")));
        }
        ConfigFactory.invalidateCaches();
        return load(resolved(ConfigFactory::load), secrets);
    }

    private static Config resolved(Supplier<Config> parse) {
        try {
            return parse.get();
        } catch (ConfigException e) {
            throw new ConfigurationException(List.of(HoconErrors.problem(e)));
        }
    }
}
