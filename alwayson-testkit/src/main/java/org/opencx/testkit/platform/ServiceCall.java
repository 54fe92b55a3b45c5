package org.opencx.testkit.platform;

import org.opencx.alwayson.EntityType;
import org.opencx.alwayson.InfoTable;

/**
 * A service an edge invoked on the platform (POST entity SERVICES name).
 *
 * @param params   the parameters, or {@code null} when the request carried none
 * @param endpoint the calling session
 */
public record ServiceCall(EntityType entityType, String entity, String service, InfoTable params, Endpoint endpoint) {
}
