package org.opencx.tunnel;

import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.ArrayList;
import java.util.List;

/**
 * Headers that concern one connection only (RFC 9110 section 7.6.1) do not cross the proxy:
 * {@code Connection} and every header it names, {@code Keep-Alive}, {@code Proxy-Connection},
 * {@code Proxy-Authenticate}, {@code Proxy-Authorization}, {@code TE} and {@code Upgrade}.
 * {@code Transfer-Encoding} and {@code Content-Length} stay: Undertow frames the body anew on each
 * side from them.
 */
final class HopByHopHeaders {
    private static final List<HttpString> FIXED = List.of(Headers.CONNECTION, Headers.KEEP_ALIVE,
            new HttpString("Proxy-Connection"), Headers.PROXY_AUTHENTICATE, Headers.PROXY_AUTHORIZATION, Headers.TE,
            Headers.UPGRADE);

    private HopByHopHeaders() {
    }

    static void strip(HeaderMap headers) {
        List<HttpString> named = new ArrayList<>();
        HeaderValues connection = headers.get(Headers.CONNECTION);
        if (connection != null) {
            for (String value : connection) {
                for (String token : value.split(",")) {
                    String t = token.trim();
                    if (!t.isEmpty()) {
                        named.add(new HttpString(t));
                    }
                }
            }
        }
        named.forEach(headers::remove);
        FIXED.forEach(headers::remove);
    }
}
