package org.opencx.testkit.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The platform's REST calls a remote access client makes, authenticated with the application key:
 * {@code POST /Thingworx/Things/{thing}/Services/StartTunnel} and {@code POST /Thingworx/NonceKeys}.
 */
final class TunnelRestCalls {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RemoteAccessSettings settings;
    private final HttpClient http;

    TunnelRestCalls(RemoteAccessSettings settings) {
        this.settings = settings;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(settings.requestTimeout());
        if (settings.sslContext() != null) {
            b.sslContext(settings.sslContext());
        }
        this.http = b.build();
    }

    /** Asks the platform for a tunnel to the target; the new tunnel's id. */
    String startTunnel() throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("host", settings.targetHost());
        body.put("port", settings.targetPort());
        body.put("chunksize", settings.chunksize());
        body.put("idleTimeout", settings.idleTimeout().toMillis());
        JsonNode answer = post("/Thingworx/Things/" + settings.thing() + "/Services/StartTunnel", body);
        String tid = answer.path("tid").asText("");
        if (tid.isEmpty()) {
            throw new IOException("the platform's StartTunnel answer has no tid");
        }
        return tid;
    }

    /** A fresh nonce key (a secret: callers never log it). */
    String nonceKey() throws IOException, InterruptedException {
        String key = post("/Thingworx/NonceKeys", JSON.createObjectNode()).path("nonceKey").asText("");
        if (key.isEmpty()) {
            throw new IOException("the platform's NonceKeys answer has no nonceKey");
        }
        return key;
    }

    private JsonNode post(String path, JsonNode body) throws IOException, InterruptedException {
        URI base = settings.platform();
        URI uri;
        try {
            uri = new URI(base.getScheme(), null, base.getHost(), base.getPort(), path, null, null);
        } catch (URISyntaxException e) {
            throw new IOException("no URI for " + path, e);
        }
        HttpRequest r = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout())
                .header("appKey", settings.appKey())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("POST " + path + " answered " + answer.statusCode() + ": " + answer.body().strip());
        }
        return JSON.readTree(answer.body());
    }
}
