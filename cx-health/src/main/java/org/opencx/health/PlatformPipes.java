package org.opencx.health;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * The pipes to one platform URL, one row of the status page.
 *
 * @param url        where they go, without user info, query or fragment
 * @param ready      connected and authenticated now
 * @param writable   ready and below the high water mark now
 * @param configured {@code pipe-count}
 */
public record PlatformPipes(String url, int ready, int writable, int configured) {
    public PlatformPipes {
        Objects.requireNonNull(url, "url");
    }

    /** The row of {@code platform}; only its scheme, host, port and path are shown. */
    public static PlatformPipes of(URI platform, int ready, int writable, int configured) {
        return new PlatformPipes(shown(platform), ready, writable, configured);
    }

    private static String shown(URI u) {
        try {
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return u.getScheme() + "://" + u.getHost();
        }
    }
}
