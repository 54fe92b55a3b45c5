package org.opencx.alwayson;

/**
 * One complete (not chunked) AlwaysOn message. The kind follows from the header's code
 * (spec 2.1): 0x01..0x04 request, 0x14 auth, 0x0A bind, 0x0B unbind, 0x1F keep-alive, 0x40 and
 * above response.
 */
public sealed interface Message permits Request, Response, Auth, Bind, Unbind, KeepAlive {
    Header header();

    /** The same message with another header; the code must stay of the same kind. */
    Message withHeader(Header header);
}
