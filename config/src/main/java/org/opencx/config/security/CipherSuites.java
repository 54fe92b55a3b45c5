package org.opencx.config.security;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cipher suite lists: the modern default and the checking of configured names. Names may be
 * JSSE/IANA ({@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}) or OpenSSL's
 * ({@code ECDHE-RSA-AES128-GCM-SHA256}, as in the reference product's documentation).
 */
public final class CipherSuites {
    /** TLS 1.3 suites, then ECDHE with AES-GCM or ChaCha20-Poly1305 for TLS 1.2. */
    public static final List<String> MODERN = List.of(
            "TLS_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static final Pattern OPENSSL = Pattern.compile(
            "(?:(ECDHE|EECDH|DHE|EDH)-(RSA|ECDSA|DSS)-)?(AES128|AES256|CHACHA20)-(GCM-SHA256|GCM-SHA384|POLY1305|SHA256|SHA384|SHA)");
    private static final Map<String, String> EXCHANGE = Map.of("ECDHE", "ECDHE", "EECDH", "ECDHE", "DHE", "DHE", "EDH", "DHE");
    private static final Map<String, String> CIPHER = Map.of("AES128", "AES_128", "AES256", "AES_256", "CHACHA20", "CHACHA20");
    private static final Map<String, String> MODE = Map.of("GCM-SHA256", "_GCM_SHA256", "GCM-SHA384", "_GCM_SHA384",
            "POLY1305", "_POLY1305_SHA256", "SHA256", "_CBC_SHA256", "SHA384", "_CBC_SHA384", "SHA", "_CBC_SHA");

    private CipherSuites() {
    }

    /**
     * The suites to enable: {@code base} (empty means {@link #MODERN}, less what this JVM lacks),
     * then {@code additional}, without repeats.
     *
     * @throws IllegalArgumentException naming the first configured suite this JVM does not know
     */
    public static List<String> select(List<String> base, List<String> additional, Set<String> supported) {
        Set<String> out = new LinkedHashSet<>();
        if (base.isEmpty()) {
            MODERN.stream().filter(supported::contains).forEach(out::add);
        } else {
            base.forEach(name -> out.add(known(name, supported, "cipher-suites")));
        }
        additional.forEach(name -> out.add(known(name, supported, "additional-cipher-suites")));
        return List.copyOf(out);
    }

    /** The JSSE name of a suite written either way; unknown OpenSSL shapes come back unchanged. */
    public static String jsseName(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        Matcher m = OPENSSL.matcher(n);
        if (n.startsWith("TLS_") || n.startsWith("SSL_") || !m.matches()) {
            return n;
        }
        String exchange = m.group(1) == null ? "RSA" : EXCHANGE.get(m.group(1)) + "_" + m.group(2);
        return "TLS_" + exchange + "_WITH_" + CIPHER.get(m.group(3)) + MODE.get(m.group(4));
    }

    private static String known(String name, Set<String> supported, String setting) {
        String jsse = jsseName(name);
        if (!supported.contains(jsse)) {
            throw new IllegalArgumentException("unknown cipher suite \"" + name + "\" in " + setting
                    + (jsse.equals(name) ? "" : " (read as " + jsse + ")")
                    + ": this JVM does not support it; use JSSE names such as TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
                    + " or OpenSSL names such as ECDHE-RSA-AES128-GCM-SHA256");
        }
        return jsse;
    }
}
