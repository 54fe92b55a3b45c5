package org.opencx.testkit.platform;

/** When an edge pushes a subscribed property (spec 7.4), as named in GetPropertySubscriptions. */
public enum PushType {
    NEVER, ALWAYS, VALUE, DEADBAND, ON, OFF
}
