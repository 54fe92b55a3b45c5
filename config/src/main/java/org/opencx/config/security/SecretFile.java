package org.opencx.config.security;

import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The secret store's text form: a header (format, key derivation, salt, a check value that only
 * the right master password opens), then one {@code secret.NAME=base64} line per secret, sorted,
 * so the file diffs well.
 *
 * <pre>
 * format=1
 * kdf=PBKDF2WithHmacSHA256
 * iterations=600000
 * salt=...
 * check=...
 * secret.app-key=...
 * </pre>
 */
record SecretFile(int iterations, byte[] salt, byte[] check, SortedMap<String, byte[]> secrets) {
    static final int FORMAT = 1;
    static final String KDF = "PBKDF2WithHmacSHA256";
    private static final String SECRET_PREFIX = "secret.";

    SecretFile {
        secrets = new TreeMap<>(secrets);
    }

    String format() {
        Base64.Encoder b64 = Base64.getEncoder();
        StringBuilder out = new StringBuilder()
                .append("# OpenCX secret store: values are AES-256-GCM encrypted. Change it with the `secrets` command.\n")
                .append("format=").append(FORMAT).append('\n')
                .append("kdf=").append(KDF).append('\n')
                .append("iterations=").append(iterations).append('\n')
                .append("salt=").append(b64.encodeToString(salt)).append('\n')
                .append("check=").append(b64.encodeToString(check)).append('\n');
        secrets.forEach((name, value) -> out.append(SECRET_PREFIX).append(name).append('=')
                .append(b64.encodeToString(value)).append('\n'));
        return out.toString();
    }

    static SecretFile parse(String text, Path file) {
        Map<String, String> header = new HashMap<>();
        SortedMap<String, byte[]> secrets = new TreeMap<>();
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 1) {
                throw damaged(file, "line " + (i + 1) + " is not key=value");
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            boolean repeated = key.startsWith(SECRET_PREFIX)
                    ? secrets.put(secretName(key, i + 1, file), decode(value, key, file)) != null
                    : header.put(key, value) != null;
            if (repeated) {
                throw damaged(file, key + " appears twice");
            }
        }
        if (!String.valueOf(FORMAT).equals(header.get("format"))) {
            throw new SecretStoreException("secret store " + file + " has format " + header.get("format")
                    + "; this version reads format " + FORMAT);
        }
        if (!KDF.equals(header.get("kdf"))) {
            throw damaged(file, "kdf must be " + KDF);
        }
        if (header.size() != 5 || !header.containsKey("salt") || !header.containsKey("check")) {
            throw damaged(file, "the header must hold exactly format, kdf, iterations, salt and check");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(header.get("iterations"));
        } catch (NumberFormatException e) {
            throw damaged(file, "iterations is not a number");
        }
        if (iterations < SecretCipher.MIN_ITERATIONS) {
            throw damaged(file, "iterations must be at least " + SecretCipher.MIN_ITERATIONS);
        }
        byte[] salt = decode(header.get("salt"), "salt", file);
        if (salt.length != SecretCipher.SALT_BYTES) {
            throw damaged(file, "the salt must be " + SecretCipher.SALT_BYTES + " bytes");
        }
        return new SecretFile(iterations, salt, decode(header.get("check"), "check", file), secrets);
    }

    /** Names are kept to letters, digits, '.', '_' and '-' so they are safe as keys and in messages. */
    static boolean validName(String name) {
        return name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    }

    private static String secretName(String key, int line, Path file) {
        String name = key.substring(SECRET_PREFIX.length());
        if (!validName(name)) {
            throw damaged(file, "line " + line + " has an invalid secret name");
        }
        return name;
    }

    private static byte[] decode(String value, String key, Path file) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw damaged(file, key + " is not base64");
        }
    }

    private static SecretStoreException damaged(Path file, String why) {
        return new SecretStoreException("secret store " + file + " is damaged: " + why);
    }
}
