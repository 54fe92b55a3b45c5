package org.opencx.testkit;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.opencx.testkit.socket.TlsContexts;

/**
 * A self-signed certificate for {@code CN=localhost} (SAN: DNS localhost, IP 127.0.0.1), made once
 * per JVM with BouncyCastle and held in an in-memory PKCS#12 key store. For tests only.
 */
public final class TestCertificates {
    private static final char[] PASSWORD = "test-only".toCharArray();
    private static volatile TestCertificates localhost;

    private final KeyStore keyStore;
    private final X509Certificate certificate;

    private TestCertificates(KeyStore keyStore, X509Certificate certificate) {
        this.keyStore = keyStore;
        this.certificate = certificate;
    }

    public static TestCertificates localhost() {
        TestCertificates c = localhost;
        if (c == null) {
            synchronized (TestCertificates.class) {
                c = localhost;
                if (c == null) {
                    c = create();
                    localhost = c;
                }
            }
        }
        return c;
    }

    public KeyStore keyStore() {
        return keyStore;
    }

    public char[] password() {
        return PASSWORD.clone();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** A server context presenting the certificate. */
    public SSLContext serverContext() {
        return TlsContexts.server(keyStore, PASSWORD);
    }

    /** A client context that trusts exactly this certificate. */
    public SSLContext clientContext() {
        return TlsContexts.trusting(trustStore());
    }

    /** A trust store holding this certificate only (no key). */
    public KeyStore trustStore() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("localhost", certificate);
            return trust;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TestCertificates create() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = gen.generateKeyPair();
            X500Name name = new X500Name("CN=localhost");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(2))), name, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(pair.getPrivate()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("localhost", pair.getPrivate(), PASSWORD, new X509Certificate[] {cert});
            return new TestCertificates(ks, cert);
        } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
            throw new IllegalStateException("cannot make a test certificate", e);
        }
    }
}
