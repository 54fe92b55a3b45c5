package org.opencx.config.security;

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
import java.util.Set;

/**
 * {@code keystore}: makes a key and a self-signed certificate for the edge listener and writes
 * them to a PKCS#12 file, optionally with a trust store holding the certificate for clients.
 * Exit codes: 0 done, 1 failed, 2 usage error.
 */
public final class KeystoreCommand {
    static final String USAGE = """
            usage: keystore --out FILE (--password-env VAR | --password-file FILE) [--cn NAME]
                            [--san NAME,...] [--days N] [--key rsa|ec] [--trust-out FILE] [--force]
              Makes a private key and a self-signed certificate for the edge listener.
              --out            the PKCS#12 key store to write
              --password-env   the environment variable that holds its password
              --password-file  a file whose first line is its password
              --cn             the certificate's common name (localhost)
              --san            DNS names and IP addresses it is valid for, comma-separated (the CN)
              --days           days it is valid (365)
              --key            rsa (RSA 2048, the default) or ec (EC P-256)
              --trust-out      also write the certificate alone as a PKCS#12 trust store for
                               clients, with the same password
              --force          replace files that exist
            """;
    private static final Set<String> VALUED = Set.of("out", "password-env", "password-file", "cn", "san", "days", "key",
            "trust-out");

    private KeystoreCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv(), new KeyStoreGenerator());
    }

    static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env, KeyStoreGenerator generator) {
        if (CommandArgs.wantsHelp(args)) {
            out.print(USAGE);
            return 0;
        }
        CommandArgs a;
        CertificateRequest request;
        try {
            a = CommandArgs.parse(args, "keystore", VALUED, Set.of("force"));
            request = request(a);
        } catch (CommandArgs.UsageException | IllegalArgumentException e) {
            err.println("keystore: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Path keyFile = Path.of(a.option("out", ""));
        Path trustFile = a.has("trust-out") ? Path.of(a.option("trust-out", "")) : null;
        char[] password = null;
        try {
            password = password(a, env).toCharArray();
            for (Path p : trustFile == null ? List.of(keyFile) : List.of(keyFile, trustFile)) {
                if (Files.exists(p) && !a.flag("force")) {
                    throw new IllegalStateException(p + " exists; pass --force to replace it");
                }
            }
            GeneratedKey key = generator.selfSigned(request);
            KeyStoreGenerator.write(key.keyStore(KeyStoreGenerator.ALIAS, password), keyFile, password);
            X509Certificate cert = key.certificate();
            out.println("wrote " + keyFile + ": PKCS#12, alias " + KeyStoreGenerator.ALIAS + ", " + cert.getSubjectX500Principal()
                    + ", SAN " + join(request) + ", valid until " + cert.getNotAfter().toInstant());
            out.println("SHA-256 fingerprint " + fingerprint(cert));
            if (trustFile != null) {
                KeyStoreGenerator.write(key.trustStore(KeyStoreGenerator.ALIAS), trustFile, password);
                out.println("wrote " + trustFile + ": PKCS#12 trust store with the certificate alone");
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("keystore: " + e.getMessage());
            return 1;
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static CertificateRequest request(CommandArgs a) throws CommandArgs.UsageException {
        if (!a.words().isEmpty()) {
            throw new CommandArgs.UsageException("unexpected " + a.words().get(0));
        }
        if (!a.has("out")) {
            throw new CommandArgs.UsageException("--out is required");
        }
        if (a.has("password-env") == a.has("password-file")) {
            throw new CommandArgs.UsageException("give --password-env or --password-file (one of them)");
        }
        String cn = a.option("cn", "localhost");
        CertificateRequest.KeyType type = switch (a.option("key", "rsa").toLowerCase(Locale.ROOT)) {
            case "rsa" -> CertificateRequest.KeyType.RSA_2048;
            case "ec" -> CertificateRequest.KeyType.EC_P256;
            default -> throw new CommandArgs.UsageException("--key is rsa or ec");
        };
        return CertificateRequest.forHost(cn)
                .withSubjectAltNames(Arrays.asList(a.option("san", cn).split(",")))
                .withValidityDays(a.intOption("days", 365))
                .withKeyType(type);
    }

    private static String password(CommandArgs a, Map<String, String> env) {
        String value;
        String source;
        if (a.has("password-env")) {
            source = "environment variable " + a.option("password-env", "");
            value = env.get(a.option("password-env", ""));
        } else {
            Path file = Path.of(a.option("password-file", ""));
            source = "file " + file;
            try {
                value = PrivateFiles.firstLine(file);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the password file " + file + ": " + e, e);
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
