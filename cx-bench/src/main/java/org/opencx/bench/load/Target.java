package org.opencx.bench.load;

import java.net.URI;

/**
 * Where one run's devices connect: through the Connection Server ({@code --uri}) or, for the
 * baseline, straight to the platform this generator hosts.
 *
 * @param platform the hosted platform (both runs report what it saw), or null when there is none
 */
record Target(String label, URI uri, String prefix, HostedPlatform platform) {
    static final String CS = "through the CS";
    static final String BASELINE = "baseline (direct to the platform)";

    boolean throughServer() {
        return CS.equals(label);
    }
}
