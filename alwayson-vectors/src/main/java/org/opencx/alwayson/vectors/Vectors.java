package org.opencx.alwayson.vectors;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The ThingWorx Edge C SDK 2.2.1 captures, read from the class path ({@code
 * org/opencx/alwayson/vectors/csdk-2.2.1/}, see its README.md): one folder per scenario, each with the
 * SDK's upgrade request, the 101 it accepted, its transcript and its raw client frames.
 */
public final class Vectors {
    public static final String CSDK = "csdk-2.2.1";

    public static final String HANDSHAKE_REQUEST = "00-handshake-request.txt";
    public static final String HANDSHAKE_RESPONSE = "00-handshake-response.txt";
    public static final String TRANSCRIPT = "transcript.txt";
    public static final String RAW_CLIENT_TO_SERVER = "raw-client-to-server.bin";

    private Vectors() {
    }

    /** The scenario names ("01-basic", "03-deflate", ...) as listed in {@code csdk-2.2.1/scenarios.txt}. */
    public static List<String> csdkScenarios() {
        return ClasspathData.index(CSDK + "/scenarios.txt");
    }

    /** The resource path of one file of a scenario, relative to {@code org/opencx/alwayson/vectors/}. */
    public static String path(String scenario, String file) {
        return CSDK + "/" + scenario + "/" + file;
    }

    /** One file of a scenario, byte for byte. */
    public static byte[] bytes(String scenario, String file) {
        return ClasspathData.bytes(path(scenario, file));
    }

    public static Transcript transcript(String scenario) {
        String path = path(scenario, TRANSCRIPT);
        return Transcript.parse(path, ClasspathData.lines(path));
    }

    /** The SDK's HTTP upgrade request, byte for byte (CRLF line ends). */
    public static String handshakeRequest(String scenario) {
        return new String(bytes(scenario, HANDSHAKE_REQUEST), StandardCharsets.US_ASCII);
    }

    /** The 101 answer the SDK accepted, byte for byte (CRLF line ends). */
    public static String handshakeResponse(String scenario) {
        return new String(bytes(scenario, HANDSHAKE_RESPONSE), StandardCharsets.US_ASCII);
    }

    /** The raw WebSocket frames the SDK sent, as captured (zero mask key; compressed in 03-deflate). */
    public static byte[] rawClientToServer(String scenario) {
        return bytes(scenario, RAW_CLIENT_TO_SERVER);
    }
}
