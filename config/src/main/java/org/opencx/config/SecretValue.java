package org.opencx.config;

import com.typesafe.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An app key or password: {@code "secret:NAME"} is looked up in the secrets store; anything else
 * is the secret itself, accepted with one warning that names the key (never the value).
 */
final class SecretValue implements ValueType<Secret> {
    /** What starts a reference to a secret in a configuration value. */
    static final String PREFIX = "secret:";
    private static final Logger LOG = LoggerFactory.getLogger(SettingsLoader.class);

    @Override
    public Secret read(Config config, String path, SecretResolver secrets) {
        String text = config.getString(path);
        if (!text.startsWith(PREFIX)) {
            if (!text.isEmpty()) {
                LOG.warn("{} is given in plain text: keep it in the secrets store and write \"secret:NAME\" instead",
                        path);
            }
            return Secret.of(text);
        }
        String name = text.substring(PREFIX.length()).trim();
        if (name.isEmpty()) {
            throw new InvalidValue("a secret's name after \"secret:\"");
        }
        return secrets.resolve(name).map(Secret::of).orElseThrow(() -> new InvalidValue(
                "the name of a secret the secrets store holds (it has none called \"" + name + "\")"));
    }

    @Override
    public String expected() {
        return "\"secret:NAME\" (a secret in the secrets store) or the value itself";
    }

    @Override
    public boolean secret() {
        return true;
    }
}
