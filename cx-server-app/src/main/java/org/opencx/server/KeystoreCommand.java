package org.opencx.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.opencx.cli.OptionChecks;
import org.opencx.config.security.CertificateRequest;
import org.opencx.config.security.GeneratedKey;
import org.opencx.config.security.KeyStoreGenerator;
import org.opencx.config.security.PrivateFiles;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keystore}: makes a key and a self-signed certificate for the edge listener and writes
 * them to a PKCS#12 file, optionally with a trust store holding the certificate for clients.
 * Exit codes: 0 done, 1 failed, 2 usage error.
 */
@Command(name = "keystore", mixinStandardHelpOptions = true,
        description = "Makes a private key and a self-signed certificate for the edge listener.")
final class KeystoreCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final KeyStoreGenerator generator;

    @Spec
    CommandSpec spec;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the PKCS#12 key store to write")
    Path keyFile;
    @ArgGroup(multiplicity = "1")
    PasswordSource password;
    @Option(names = "--cn", defaultValue = "localhost", paramLabel = "NAME",
            description = "the certificate's common name (${DEFAULT-VALUE})")
    String cn;
    @Option(names = "--san", paramLabel = "NAME,...",
            description = "DNS names and IP addresses it is valid for, comma-separated (the CN)")
    String san;
    @Option(names = "--days", defaultValue = "365", paramLabel = "N", description = "days it is valid (${DEFAULT-VALUE})")
    int days;
    @Option(names = "--key", defaultValue = "rsa", paramLabel = "rsa|ec",
            description = "rsa (RSA 2048, the default) or ec (EC P-256)")
    String keyType;
    @Option(names = "--trust-out", paramLabel = "FILE", description = {"also write the certificate alone as a PKCS#12 "
            + "trust store for clients, with the same password"})
    Path trustFile;
    @Option(names = "--force", description = "replace files that exist")
    boolean force;

    /** Where the store's password comes from: exactly one of the two. */
    static final class PasswordSource {
        @Option(names = "--password-env", required = true, paramLabel = "VAR",
                description = "the environment variable that holds its password")
        String variable;
        @Option(names = "--password-file", required = true, paramLabel = "FILE",
                description = "a file whose first line is its password")
        Path file;
    }

    /** @param env where {@code --password-env} looks */
    KeystoreCommand(PrintStream out, PrintStream err, Map<String, String> env, KeyStoreGenerator generator) {
        this.out = out;
        this.err = err;
        this.env = env;
        this.generator = generator;
    }

    @Override
    public Integer call() {
        CertificateRequest request = request();
        char[] pw = null;
        try {
            pw = password().toCharArray();
            for (Path p : trustFile == null ? List.of(keyFile) : List.of(keyFile, trustFile)) {
                if (Files.exists(p) && !force) {
                    throw new IllegalStateException(p + " exists; pass --force to replace it");
                }
            }
            GeneratedKey key = generator.selfSigned(request);
            KeyStoreGenerator.write(key.keyStore(KeyStoreGenerator.ALIAS, pw), keyFile, pw);
            X509Certificate cert = key.certificate();
            out.println("wrote " + keyFile + ": PKCS#12, alias " + KeyStoreGenerator.ALIAS + ", " + cert.getSubjectX500Principal()
                    + ", SAN " + join(request) + ", valid until " + cert.getNotAfter().toInstant());
            out.println("SHA-256 fingerprint " + fingerprint(cert));
            if (trustFile != null) {
                KeyStoreGenerator.write(key.trustStore(KeyStoreGenerator.ALIAS), trustFile, pw);
                out.println("wrote " + trustFile + ": PKCS#12 trust store with the certificate alone");
            }
            return ExitCode.OK.code();
        } catch (IOException | RuntimeException e) {
            err.println("keystore: " + e.getMessage());
            return ExitCode.FAILURE.code();
        } finally {
            if (pw != null) {
                Arrays.fill(pw, '\0');
            }
        }
    }

    /** The certificate the options ask for; a value it cannot have is a usage error. */
    private CertificateRequest request() {
        CertificateRequest.KeyType type = switch (keyType.toLowerCase(Locale.ROOT)) {
            case "rsa" -> CertificateRequest.KeyType.RSA_2048;
            case "ec" -> CertificateRequest.KeyType.EC_P256;
            default -> throw OptionChecks.fail(spec, "--key is rsa or ec");
        };
        try {
            return CertificateRequest.forHost(cn)
                    .withSubjectAltNames(Arrays.asList((san == null ? cn : san).split(",")))
                    .withValidityDays(days)
                    .withKeyType(type);
        } catch (IllegalArgumentException e) {
            throw OptionChecks.fail(spec, e.getMessage());
        }
    }

    private String password() {
        String value;
        String source;
        if (password.variable != null) {
            source = "environment variable " + password.variable;
            value = env.get(password.variable);
        } else {
            source = "file " + password.file;
            try {
                value = PrivateFiles.firstLine(password.file);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the password file " + password.file + ": " + e, e);
            }
        }
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("no password in " + source);
        }
        return value;
    }

    private static String join(CertificateRequest r) {
        return String.join(",", r.dnsNames()) + (r.dnsNames().isEmpty() || r.ipAddresses().isEmpty() ? "" : ",")
                + String.join(",", r.ipAddresses());
    }

    private static String fingerprint(X509Certificate cert) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the certificate", e);
        }
    }
}
