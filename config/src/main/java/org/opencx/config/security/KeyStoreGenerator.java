package org.opencx.config.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes keys and X.509 certificates (self-signed, or signed by a generated CA) with BouncyCastle,
 * and writes them as PKCS#12 files: the server's key store, and a trust store for its clients.
 */
public final class KeyStoreGenerator {
    /** The alias the key (and the trusted certificate) is stored under. */
    public static final String ALIAS = "cx-server";
    /** Certificates start this long before now, for clocks that run behind. */
    private static final Duration BACKDATE = Duration.ofHours(1);

    private final Clock clock;
    private final SecureRandom random;

    public KeyStoreGenerator(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    public KeyStoreGenerator() {
        this(Clock.systemUTC(), new SecureRandom());
    }

    public GeneratedKey selfSigned(CertificateRequest request) {
        KeyPair pair = keyPair(request.keyType());
        X500Name subject = name(request.commonName());
        return new GeneratedKey(pair.getPrivate(), List.of(certificate(request, pair, subject, pair, null)));
    }

    /** A key whose certificate {@code issuer} signs; the chain ends with the issuer's. */
    public GeneratedKey signedBy(CertificateRequest request, GeneratedKey issuer) {
        KeyPair pair = keyPair(request.keyType());
        X509Certificate issuerCert = issuer.certificate();
        KeyPair issuerPair = new KeyPair(issuerCert.getPublicKey(), issuer.privateKey());
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate(request, pair, X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded()),
                issuerPair, issuerCert));
        chain.addAll(issuer.chain());
        return new GeneratedKey(pair.getPrivate(), chain);
    }

    /** Writes {@code store} as a PKCS#12 file readable by its owner only (where POSIX). */
    public static void write(KeyStore store, Path file, char[] password) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            store.store(bytes, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encode the key store for " + file, e);
        }
        PrivateFiles.write(file, bytes.toByteArray());
    }

    private KeyPair keyPair(CertificateRequest.KeyType type) {
        try {
            KeyPairGenerator gen;
            if (type == CertificateRequest.KeyType.EC_P256) {
                gen = KeyPairGenerator.getInstance("EC");
                gen.initialize(new ECGenParameterSpec("secp256r1"), random);
            } else {
                gen = KeyPairGenerator.getInstance("RSA");
                gen.initialize(2048, random);
            }
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make " + type + " keys", e);
        }
    }

    private X509Certificate certificate(CertificateRequest request, KeyPair subjectPair, X500Name issuerName,
                                        KeyPair issuerPair, X509Certificate issuerCert) {
        Instant now = clock.instant();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName,
                new BigInteger(127, random).add(BigInteger.ONE), Date.from(now.minus(BACKDATE)),
                Date.from(now.plus(Duration.ofDays(request.validityDays()))), name(request.commonName()),
                subjectPair.getPublic());
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectPair.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, issuerCert == null
                    ? ext.createAuthorityKeyIdentifier(issuerPair.getPublic()) : ext.createAuthorityKeyIdentifier(issuerCert));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(request.authority()));
            builder.addExtension(Extension.keyUsage, true, keyUsage(request));
            if (!request.authority()) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            }
            GeneralNames sans = subjectAltNames(request);
            if (sans != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, sans);
            }
            String algorithm = issuerPair.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(issuerPair.getPrivate())));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the certificate for " + request.commonName(), e);
        }
    }

    private static KeyUsage keyUsage(CertificateRequest request) {
        if (request.authority()) {
            return new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature);
        }
        return new KeyUsage(request.keyType() == CertificateRequest.KeyType.RSA_2048
                ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature);
    }

    private static GeneralNames subjectAltNames(CertificateRequest request) {
        List<GeneralName> names = new ArrayList<>();
        request.dnsNames().forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
        request.ipAddresses().forEach(n -> names.add(new GeneralName(GeneralName.iPAddress, n)));
        return names.isEmpty() ? null : new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }
}
