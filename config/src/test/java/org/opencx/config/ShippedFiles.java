package org.opencx.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The files in the repository's {@code config/} directory, and the leaf paths of HOCON. */
final class ShippedFiles {
    static final Path DIR = repositoryRoot().resolve("config");

    private ShippedFiles() {
    }

    static Config parse(String name) {
        return ConfigFactory.parseFile(DIR.resolve(name).toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    }

    /** This module's reference.conf alone. */
    static Config reference() {
        return ConfigFactory.parseResources(SettingsLoader.class, "/reference.conf");
    }

    /** Leaf paths under cx-server, null leaves included. */
    static Set<String> leaves(Config config) {
        return ConfigTree.leaves(config.getObject(Keys.ROOT), Keys.ROOT).keySet();
    }

    /** Walks up from the working directory to the directory holding config/cxserver-long-sample.conf and pom.xml. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("config/cxserver-long-sample.conf"))
                    && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no config/cxserver-long-sample.conf above " + Path.of("").toAbsolutePath());
    }
}
