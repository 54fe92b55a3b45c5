package org.opencx.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;

/**
 * One command-line value as HOCON sees it: the document {@code v = "<value>"}. Quoted, so a value
 * is never read as HOCON syntax (a substitution, an include, a second key); HOCON reads the
 * unit of a quoted duration or size as of an unquoted one.
 */
final class HoconValue {
    static final String KEY = "v";

    private HoconValue() {
    }

    static Config of(String value) {
        return ConfigFactory.parseString(KEY + " = " + ConfigUtil.quoteString(value));
    }
}
