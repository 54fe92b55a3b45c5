package org.opencx.cluster;

import java.net.URI;
import java.time.Instant;

/**
 * One registration of another service under the base path, as the fleet listing shows it (the
 * platform nodes: {@code thingworx-https}, {@code thingworx-http}).
 *
 * @param service its service name
 * @param id      its instance id
 * @param url     the AlwaysOn URL a Connection Server would dial, or null when it gives none
 * @param since   when it registered
 */
public record RegisteredNode(String service, String id, URI url, Instant since) {
}
