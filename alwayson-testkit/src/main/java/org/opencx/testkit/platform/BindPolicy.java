package org.opencx.testkit.platform;

/** What the platform does when a thing bound by one session is bound again by another. */
public enum BindPolicy {
    /** The first binder keeps the thing; the later BIND is refused with 0x83 FORBIDDEN and a reason. */
    FIRST_IN_WINS,
    /**
     * The later binder takes the thing over (spec 7.3's recommendation: edges reconnect before
     * their old socket timed out). The earlier session is not told; requests simply go elsewhere.
     */
    LAST_IN_WINS
}
