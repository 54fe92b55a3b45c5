package org.opencx.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares every leaf under {@code cx-server} with the reference's leaves (every module's
 * {@code reference.conf}, so a module's own keys are known wherever it is on the class path).
 * A key that is not known is a problem, with the closest known key as a suggestion.
 */
final class UnknownKeys {
    private static final int MAX_DISTANCE = 3;
    private static final List<String> SECRET_WORDS = List.of("key", "pass", "secret", "token");

    private final Set<String> known = new TreeSet<>();
    private final Set<String> groups = new HashSet<>();
    private final Set<String> secrets = new HashSet<>();

    UnknownKeys(Config reference, List<Key<?>> keys) {
        known.addAll(ConfigTree.leaves(reference.getObject(Keys.ROOT), Keys.ROOT).keySet());
        for (Key<?> key : keys) {
            known.addAll(key.aliases());
            if (key.type().secret()) {
                secrets.add(key.path());
                secrets.addAll(key.aliases());
            }
        }
        for (String path : known) {
            for (int dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
                groups.add(path.substring(0, dot));
            }
        }
    }

    List<ConfigProblem> find(Config config) {
        ConfigValue root = config.root().get(Keys.ROOT);
        if (root == null || root.valueType() == ConfigValueType.NULL) {
            return List.of();
        }
        if (root.valueType() != ConfigValueType.OBJECT) {
            return List.of(new ConfigProblem(Keys.ROOT, ConfigTree.shown(root), "an object holding the server's keys"));
        }
        List<ConfigProblem> problems = new ArrayList<>();
        ConfigTree.leaves((ConfigObject) root, Keys.ROOT).forEach((path, value) -> {
            if (known.contains(path) || belowKnownKey(path)) {
                return; // a known key of the wrong type is reported when it is read
            }
            if (groups.contains(path)) {
                if (value.valueType() != ConfigValueType.OBJECT) {
                    problems.add(new ConfigProblem(path, shown(path, value, null), "an object holding " + children(path)));
                }
                return;
            }
            String near = closest(path).orElse(null);
            problems.add(new ConfigProblem(path, shown(path, value, near), "a key this server reads"
                    + (near == null ? " (see config/cxserver-long-sample.conf)" : " (did you mean " + near + "?)")));
        });
        return problems;
    }

    /** The known key within a few edits, or failing that the only known key with the same last name. */
    Optional<String> closest(String path) {
        Optional<String> near = known.stream()
                .filter(k -> EditDistance.between(k, path) <= MAX_DISTANCE)
                .min(Comparator.comparingInt(k -> EditDistance.between(k, path)));
        if (near.isPresent()) {
            return near;
        }
        String last = lastName(path);
        List<String> sameName = known.stream().filter(k -> lastName(k).equalsIgnoreCase(last)).toList();
        return sameName.size() == 1 ? Optional.of(sameName.get(0)) : Optional.empty();
    }

    private boolean belowKnownKey(String path) {
        for (int dot = path.lastIndexOf('.'); dot > 0; dot = path.lastIndexOf('.', dot - 1)) {
            if (known.contains(path.substring(0, dot))) {
                return true;
            }
        }
        return false;
    }

    private String children(String group) {
        String prefix = group + ".";
        return known.stream().filter(k -> k.startsWith(prefix))
                .map(k -> k.substring(prefix.length()).split("\\.", 2)[0])
                .distinct().collect(Collectors.joining(", ", "the keys ", ""));
    }

    /** An unknown key's value is shown unless it may be a mistyped secret. */
    private String shown(String path, ConfigValue value, String near) {
        String name = lastName(path).toLowerCase(Locale.ROOT);
        boolean secretLike = SECRET_WORDS.stream().anyMatch(name::contains) || secrets.contains(near);
        return secretLike ? ConfigProblem.MASKED : ConfigTree.shown(value);
    }

    private static String lastName(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
