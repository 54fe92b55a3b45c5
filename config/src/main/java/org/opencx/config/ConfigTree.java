package org.opencx.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.util.LinkedHashMap;
import java.util.Map;

/** Walks a HOCON tree: its leaf paths, and a value as an operator wrote it. */
final class ConfigTree {
    private static final int SHOWN_MAX = 80;

    private ConfigTree() {
    }

    /** Every leaf under {@code object}, {@code null} values included, keyed by {@code prefix.path}. */
    static Map<String, ConfigValue> leaves(ConfigObject object, String prefix) {
        Map<String, ConfigValue> leaves = new LinkedHashMap<>();
        collect(object, prefix, leaves);
        return leaves;
    }

    private static void collect(ConfigObject object, String prefix, Map<String, ConfigValue> leaves) {
        object.forEach((name, value) -> {
            String path = prefix + "." + name;
            if (value.valueType() == ConfigValueType.OBJECT && !((ConfigObject) value).isEmpty()) {
                collect((ConfigObject) value, path, leaves);
            } else {
                leaves.put(path, value);
            }
        });
    }

    /** The value as written: a string without its quotes, anything else in concise HOCON. */
    static String shown(ConfigValue value) {
        String text = value.valueType() == ConfigValueType.STRING
                ? (String) value.unwrapped() : value.render(ConfigRenderOptions.concise());
        return text.length() <= SHOWN_MAX ? text : text.substring(0, SHOWN_MAX) + "...";
    }
}
