package org.opencx.testkit.platform;

import java.util.Objects;

/**
 * One row of a thing's GetPropertySubscriptions answer (spec 7.4), in the shape of the capture
 * {@code 01-basic} entry #12: {@code edgeName} STRING, {@code pushType} STRING,
 * {@code pushThreshold} NUMBER.
 *
 * @param edgeName      the property's name on the edge
 * @param pushType      when the edge pushes it
 * @param pushThreshold the change that triggers a push for VALUE and DEADBAND, else 0
 */
public record Subscription(String edgeName, PushType pushType, double pushThreshold) {
    public Subscription {
        Objects.requireNonNull(edgeName, "edgeName");
        Objects.requireNonNull(pushType, "pushType");
    }

    public static Subscription of(String edgeName, PushType pushType) {
        return new Subscription(edgeName, pushType, 0);
    }
}
