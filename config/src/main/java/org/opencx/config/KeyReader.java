package org.opencx.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValueType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads keys from a configuration merged with its reference, and records every problem instead
 * of stopping at the first. A key written under an alias is read there, unless the key itself was
 * also changed from its default (then {@link #checkAliases} reports the clash).
 */
final class KeyReader {
    private final Config config;
    private final Config reference;
    private final SecretResolver secrets;
    private final List<ConfigProblem> problems = new ArrayList<>();

    KeyReader(Config config, Config reference, SecretResolver secrets) {
        this.config = config;
        this.reference = reference;
        this.secrets = secrets;
    }

    /** The key's value; null when it has none (a problem unless the key is optional) or is unusable. */
    <T> T get(Key<T> key) {
        String path = pathOf(key);
        if (!config.hasPath(path)) {
            if (!key.optional() && !underNonObject(path)) {
                problems.add(ConfigProblem.missing(path, key.type().expected()));
            }
            return null;
        }
        try {
            T value = key.type().read(config, path, secrets);
            if (key.check().accepts(value)) {
                return value;
            }
            reject(key, key.check().expected());
        } catch (ConfigException e) {
            reject(key, key.type().expected());
        } catch (InvalidValue e) {
            reject(key, e.expected());
        }
        return null;
    }

    /** True when the key has a value (a usable one or not). */
    boolean has(Key<?> key) {
        return config.hasPath(pathOf(key));
    }

    /** Records a problem when the key has no value; {@code expected} says why it needs one. */
    void require(Key<?> key, String expected) {
        if (!has(key) && !underNonObject(pathOf(key))) {
            problems.add(ConfigProblem.missing(pathOf(key), expected));
        }
    }

    /** Records that the key's value, read or not, is not what {@code expected} says. */
    void reject(Key<?> key, String expected) {
        String path = pathOf(key);
        problems.add(new ConfigProblem(path, shown(key), expected));
    }

    /** The key's value as written; {@value ConfigProblem#MASKED} for a secret, except a {@code secret:} reference. */
    String shown(Key<?> key) {
        String path = pathOf(key);
        if (!config.hasPath(path)) {
            return null;
        }
        String text = ConfigTree.shown(config.getValue(path));
        boolean secretReference = config.getValue(path).valueType() == ConfigValueType.STRING
                && text.startsWith(SecretValue.PREFIX);
        return key.type().secret() && !secretReference ? ConfigProblem.MASKED : text;
    }

    /** A key given both under its own name and under an alias, with different values, is a problem. */
    void checkAliases(List<Key<?>> keys) {
        for (Key<?> key : keys) {
            String alias = pathOf(key);
            if (!alias.equals(key.path()) && !isDefault(key.path())) {
                problems.add(new ConfigProblem(alias, shown(key), "either " + alias + " or " + key.path()
                        + ", not both (they are the same key)"));
            }
        }
    }

    boolean hasProblems() {
        return !problems.isEmpty();
    }

    int problemCount() {
        return problems.size();
    }

    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    private String pathOf(Key<?> key) {
        return key.aliases().stream().filter(config::hasPath).findFirst().orElse(key.path());
    }

    private boolean isDefault(String path) {
        boolean here = config.hasPath(path);
        if (here != reference.hasPath(path)) {
            return false;
        }
        return !here || Objects.equals(config.getValue(path), reference.getValue(path));
    }

    /** True when a parent of the path holds something other than an object (reported as an unknown shape). */
    private boolean underNonObject(String path) {
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            String parent = path.substring(0, dot);
            if (config.hasPath(parent) && config.getValue(parent).valueType() != ConfigValueType.OBJECT) {
                return true;
            }
        }
        return false;
    }
}
