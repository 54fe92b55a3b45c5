package org.opencx.testkit.platform;

import org.opencx.alwayson.Auth;
import org.opencx.alwayson.Bind;
import org.opencx.alwayson.KeepAlive;
import org.opencx.alwayson.Message;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.Response;
import org.opencx.alwayson.Unbind;

/** The kinds of AlwaysOn message, for counting. */
public enum PlatformMessageKind {
    AUTH, BIND, UNBIND, REQUEST, RESPONSE, KEEP_ALIVE;

    public static PlatformMessageKind of(Message m) {
        if (m instanceof Request) {
            return REQUEST;
        }
        if (m instanceof Response) {
            return RESPONSE;
        }
        if (m instanceof Auth) {
            return AUTH;
        }
        if (m instanceof Bind) {
            return BIND;
        }
        if (m instanceof Unbind) {
            return UNBIND;
        }
        if (m instanceof KeepAlive) {
            return KEEP_ALIVE;
        }
        throw new IllegalArgumentException("unknown message " + m.getClass());
    }
}
