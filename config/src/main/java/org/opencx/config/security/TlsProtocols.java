package org.opencx.config.security;

import java.util.List;

/** The TLS versions the server and its platform link may use: 1.3 and 1.2, nothing older. */
public final class TlsProtocols {
    public static final List<String> ALLOWED = List.of("TLSv1.3", "TLSv1.2");

    private TlsProtocols() {
    }

    /**
     * The configured versions, or {@link #ALLOWED} when none are.
     *
     * @throws IllegalArgumentException for a version other than TLSv1.3 and TLSv1.2
     */
    public static List<String> checked(List<String> configured) {
        for (String p : configured) {
            if (!ALLOWED.contains(p)) {
                throw new IllegalArgumentException("TLS protocol \"" + p + "\" is not allowed: only " + ALLOWED);
            }
        }
        return configured.isEmpty() ? ALLOWED : List.copyOf(configured);
    }
}
