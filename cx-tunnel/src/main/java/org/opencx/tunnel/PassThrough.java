package org.opencx.tunnel;

import io.undertow.attribute.ExchangeAttributes;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.ResponseCodeHandler;
import io.undertow.server.handlers.proxy.LoadBalancingProxyClient;
import io.undertow.server.handlers.proxy.ProxyHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.StatusCodes;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.opencx.config.HttpClientSettings;
import org.opencx.tunnel.RemoteAccessCounters.Kind;
import org.opencx.tunnel.RemoteAccessCounters.Reason;
import org.xnio.OptionMap;
import org.xnio.XnioWorker;

/**
 * HTTP pass-through: a request under {@code /Thingworx/} that is no socket of the proxy goes to the
 * platform through Undertow's {@link ProxyHandler} and {@link LoadBalancingProxyClient}, with
 * {@code X-Forwarded-For}, {@code -Proto}, {@code -Host} (and {@code -Port}, {@code -Server}) set (a
 * client's own replaced),
 * hop-by-hop headers dropped both ways, everything else ({@code appKey}, cookies) passed as it is.
 */
final class PassThrough implements HttpHandler {
    /**
     * Seconds before a platform that could not be reached is tried again by the pool (the least
     * Undertow takes; until then requests are answered 502 at once).
     */
    static final int PROBLEM_RETRY_SECONDS = 1;
    private static final List<HttpString> FORWARDED = List.of(Headers.X_FORWARDED_FOR, Headers.X_FORWARDED_PROTO,
            Headers.X_FORWARDED_HOST, Headers.X_FORWARDED_PORT, Headers.X_FORWARDED_SERVER);

    private final HttpClientSettings settings;
    private final RemoteAccessCounters counters;
    private final ProxyHandler proxy;
    private final GatewayErrors errors;
    private final LoadBalancingProxyClient client;
    private final SSLContext tls;
    private final XnioWorker worker;
    private final Set<URI> hosts = new LinkedHashSet<>();

    /** @param platform the platform's base; null when the nodes are given later ({@link #nodes}) */
    PassThrough(HttpClientSettings settings, URI platform, SSLContext tls, XnioWorker worker,
                RemoteAccessCounters counters, Clock clock) {
        this.settings = settings;
        this.counters = counters;
        this.tls = tls;
        this.worker = worker;
        this.client = new LoadBalancingProxyClient()
                .setConnectionsPerThread(settings.maxConnectionPoolSize())
                .setMaxQueueSize(settings.maxConnectionPoolSize())
                .setProblemServerRetry(PROBLEM_RETRY_SECONDS);
        if (platform != null) {
            nodes(List.of(platform));
        }
        ProxyHandler.Builder b = ProxyHandler.builder()
                .setProxyClient(new ConnectDeadline(client, settings.connectTimeout()))
                .setMaxRequestTime(Math.toIntExact(settings.requestTimeout().toMillis()))
                .setRewriteHostHeader(false)
                .setReuseXForwarded(false)
                .setNext(ResponseCodeHandler.HANDLE_404);
        if (!settings.keepAlive()) {
            b.addRequestHeader(Headers.CONNECTION, ExchangeAttributes.constant("close"));
        }
        this.proxy = b.build();
        this.errors = new GatewayErrors(counters, settings.connectTimeout(), settings.requestTimeout(), clock);
    }

    /**
     * The platform nodes requests go to (round-robin over those that answer), replacing the ones
     * before; with none, requests are answered 503.
     */
    synchronized void nodes(Collection<URI> bases) {
        Set<URI> wanted = new LinkedHashSet<>(bases);
        for (URI gone : List.copyOf(hosts)) {
            if (!wanted.contains(gone)) {
                client.removeHost(gone);
                hosts.remove(gone);
            }
        }
        for (URI base : wanted) {
            if (hosts.add(base)) {
                if ("https".equalsIgnoreCase(base.getScheme())) {
                    if (tls == null) {
                        throw new IllegalArgumentException("TLS settings are needed for the pass-through to " + base);
                    }
                    client.addHost(base, new UndertowXnioSsl(worker.getXnio(), OptionMap.EMPTY, tls));
                } else {
                    client.addHost(base);
                }
            }
        }
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (BodyLimit.declaredOver(exchange, settings.maxRequestBody())) {
            counters.refused(Kind.HTTP, Reason.BODY_TOO_LARGE);
            ShortAnswers.send(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "the request body is over "
                    + settings.maxRequestBody() + " bytes (cx-server.protocol.http-client.max-request-body)");
            return;
        }
        counters.accept(Kind.HTTP);
        HopByHopHeaders.strip(exchange.getRequestHeaders());
        // The proxy says who the client is: a client's own X-Forwarded-* do not reach the platform.
        FORWARDED.forEach(exchange.getRequestHeaders()::remove);
        // Runs before Undertow's own response wrapper, which sets this side's Connection header.
        exchange.addResponseWrapper((factory, ex) -> {
            HopByHopHeaders.strip(ex.getResponseHeaders());
            return factory.create();
        });
        exchange.addRequestWrapper(BodyLimit.wrapper(settings.maxRequestBody()));
        errors.arrived(exchange);
        exchange.addDefaultResponseListener(errors);
        proxy.handleRequest(exchange);
    }
}
