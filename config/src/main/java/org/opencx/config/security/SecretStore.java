package org.opencx.config.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.opencx.config.Secret;

/**
 * Named secrets (the app key, key store passwords) in a file encrypted under a master password:
 * AES-256-GCM with a fresh IV per value, the key from PBKDF2WithHmacSHA256 over a random salt
 * kept in the file's header. Values stay encrypted in memory until {@link #get} asks for one.
 * Changes reach the file on {@link #save}, which writes it whole, readable by its owner only.
 * Thread-safe.
 */
public final class SecretStore {
    private static final String CHECK_LABEL = "opencx-secret-store-check";
    private static final byte[] CHECK_VALUE = "opencx".getBytes(StandardCharsets.US_ASCII);

    private final Path file;
    private final int iterations;
    private final byte[] salt;
    private final byte[] check;
    private final SecretCipher cipher;
    private final SortedMap<String, byte[]> sealed;

    private SecretStore(Path file, int iterations, byte[] salt, byte[] check, SecretCipher cipher,
                        SortedMap<String, byte[]> sealed) {
        this.file = file;
        this.iterations = iterations;
        this.salt = salt;
        this.check = check;
        this.cipher = cipher;
        this.sealed = new TreeMap<>(sealed);
    }

    /** A new, empty store for {@code file}, which must not exist yet; nothing is written before {@link #save}. */
    public static SecretStore create(Path file, char[] master) throws IOException {
        return create(file, master, SecretCipher.DEFAULT_ITERATIONS);
    }

    static SecretStore create(Path file, char[] master, int iterations) throws IOException {
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "a secret store is already there");
        }
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[SecretCipher.SALT_BYTES];
        random.nextBytes(salt);
        SecretCipher cipher = SecretCipher.derive(master, salt, iterations, random);
        return new SecretStore(file, iterations, salt, cipher.seal(CHECK_LABEL, CHECK_VALUE), cipher, new TreeMap<>());
    }

    /**
     * Reads {@code file} and checks the master password against it.
     *
     * @throws SecretStoreException for a wrong master password or a damaged file
     */
    public static SecretStore open(Path file, char[] master) throws IOException {
        SecretFile content = SecretFile.parse(Files.readString(file, StandardCharsets.UTF_8), file);
        SecretCipher cipher = SecretCipher.derive(master, content.salt(), content.iterations(), new SecureRandom());
        try {
            cipher.open(CHECK_LABEL, content.check());
        } catch (GeneralSecurityException e) {
            throw new SecretStoreException("wrong master password for secret store " + file + " (or its header was changed)");
        }
        return new SecretStore(file, content.iterations(), content.salt(), content.check(), cipher, content.secrets());
    }

    /** {@link #open} when {@code file} exists, else {@link #create}. */
    public static SecretStore openOrCreate(Path file, char[] master) throws IOException {
        return Files.exists(file) ? open(file, master) : create(file, master);
    }

    public Path file() {
        return file;
    }

    /** Adds or replaces a secret; names are 1-128 letters, digits, '.', '_' or '-'. */
    public synchronized void put(String name, Secret value) {
        byte[] plain = value.reveal().getBytes(StandardCharsets.UTF_8);
        try {
            sealed.put(checkedName(name), cipher.seal(label(name), plain));
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /**
     * The secret, decrypted.
     *
     * @throws SecretStoreException when its value was changed in the file
     */
    public synchronized Optional<Secret> get(String name) {
        byte[] value = sealed.get(name);
        if (value == null) {
            return Optional.empty();
        }
        byte[] plain = null;
        try {
            plain = cipher.open(label(name), value);
            return Optional.of(Secret.of(new String(plain, StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new SecretStoreException("secret " + name + " in " + file + " does not authenticate: it was changed");
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /** @return whether there was such a secret */
    public synchronized boolean remove(String name) {
        return sealed.remove(name) != null;
    }

    public synchronized SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(sealed.keySet()));
    }

    /** Writes the store to its file, replacing what was there. */
    public synchronized void save() throws IOException {
        String text = new SecretFile(iterations, salt, check, sealed).format();
        PrivateFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized String toString() {
        return "SecretStore[" + file + ", " + sealed.size() + " secrets]";
    }

    private static String label(String name) {
        return "opencx-secret:" + name;
    }

    /** Whether {@code name} can name a secret: 1-128 letters, digits, '.', '_' or '-', a letter or digit first. */
    public static boolean validName(String name) {
        return SecretFile.validName(name);
    }

    private static String checkedName(String name) {
        if (!validName(name)) {
            throw new IllegalArgumentException("secret names are 1-128 letters, digits, '.', '_' or '-'");
        }
        return name;
    }
}
