/**
 * The reference platform: an embeddable AlwaysOn platform for tests, demos and benchmarks.
 *
 * <p>{@link org.opencx.testkit.platform.ReferencePlatform} accepts edges on {@code /Thingworx/WS}
 * directly (endpoint id 0, the session is the socket) and through Connection Server pipes (the
 * platform side of {@code spec/platform-link.md}; the rules are on {@code SessionTable}), runs the
 * synchronisation of spec 7.4 after each BIND, stores pushed values and events per thing, and
 * sends requests to devices ({@code readProperty}, {@code writeProperty}, {@code invokeService}).
 * A ThingWorx-shaped REST API on the same port is in {@code rest}.
 *
 * <p>What it sends on the wire follows the C SDK's demands: a 101 with exactly
 * {@code Upgrade: websocket} and {@code Connection: Upgrade}, nothing before the edge's AUTH, no
 * WebSocket message larger than the edge's {@code Max-Frame-Size} (less 16 bytes with
 * permessage-deflate), PUT always with parameters, and an answer with a reason for every refusal.
 */
package org.opencx.testkit.platform;
