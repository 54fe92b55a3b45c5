package org.opencx.testkit.platform;

import java.util.Objects;

/** Where a bound thing's session lives: a socket of its own, or an endpoint of a Connection Server. */
public sealed interface Endpoint {

    /** The platform-assigned session id (unsigned 32-bit in an int). */
    int sessionId();

    /** One line for logs and the REST view. */
    String describe();

    /** An edge connected straight to the platform: the session is the socket (platform-link 5). */
    record Direct(String remoteAddress, int sessionId) implements Endpoint {
        public Direct {
            Objects.requireNonNull(remoteAddress, "remoteAddress");
        }

        @Override
        public String describe() {
            return "direct " + remoteAddress + " session " + Integer.toUnsignedString(sessionId);
        }
    }

    /** An edge behind a Connection Server: the session is (CS name, endpoint id) (platform-link 2). */
    record ViaConnectionServer(String connectionServer, int endpointId, int sessionId) implements Endpoint {
        public ViaConnectionServer {
            Objects.requireNonNull(connectionServer, "connectionServer");
        }

        @Override
        public String describe() {
            return "cs " + connectionServer + " endpoint " + Integer.toUnsignedString(endpointId)
                    + " session " + Integer.toUnsignedString(sessionId);
        }
    }
}
