package org.opencx.config.security;

import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} over an initialised one whose every engine, socket and server socket gets
 * a {@link TlsPolicy} when it is created. Any server or client that takes an {@code SSLContext}
 * (Undertow's {@code addHttpsListener}, its XNIO client, {@code java.net.http}) then applies the
 * policy without knowing it; options that server sets afterwards still win.
 */
public final class PolicySslContext extends SSLContext {
    private final TlsPolicy policy;

    private PolicySslContext(SSLContext delegate, TlsPolicy policy) {
        super(new Spi(delegate, policy), delegate.getProvider(), delegate.getProtocol());
        this.policy = policy;
    }

    /**
     * A plain TLS context initialised with these managers (null: the JDK's defaults), to wrap.
     *
     * @throws IllegalArgumentException when the managers are refused
     */
    public static SSLContext initialised(KeyManager[] keys, TrustManager[] trust) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, trust, null);
            return ctx;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no TLS", e);
        } catch (KeyManagementException e) {
            throw new IllegalArgumentException("cannot initialise TLS: " + e.getMessage(), e);
        }
    }

    /** Wraps an initialised context. */
    public static PolicySslContext wrap(SSLContext delegate, TlsPolicy policy) {
        return new PolicySslContext(delegate, policy);
    }

    public TlsPolicy policy() {
        return policy;
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;
        private final TlsPolicy policy;

        Spi(SSLContext delegate, TlsPolicy policy) {
            this.delegate = delegate;
            this.policy = policy;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw new KeyManagementException("this SSLContext is already initialised");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new PolicySocketFactory(delegate.getSocketFactory(), policy);
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return new PolicyServerSocketFactory(delegate.getServerSocketFactory(), policy);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return policy.configure(delegate.createSSLEngine());
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return policy.configure(delegate.createSSLEngine(host, port));
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return policy.applyTo(delegate.getDefaultSSLParameters());
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return delegate.getSupportedSSLParameters();
        }
    }
}
