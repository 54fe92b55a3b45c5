package org.opencx.config.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencx.config.Secret;

class SecretStoreTest {
    static final char[] MASTER = "master-pass-4711".toCharArray();
    static final String APP_KEY = "a1b2c3d4-app-key-value";
    static final String STORE_PW = "keystore-pw-value-99";

    @TempDir
    Path dir;

    /** A store with two secrets, saved; fewest iterations allowed, to keep tests quick. */
    private Path saved() throws Exception {
        Path file = dir.resolve("cxserver.secrets");
        SecretStore store = SecretStore.create(file, MASTER, SecretCipher.MIN_ITERATIONS);
        store.put("app-key", Secret.of(APP_KEY));
        store.put("edge.keystore.password", Secret.of(STORE_PW));
        store.save();
        return file;
    }

    private static Map<String, String> lines(Path file) throws Exception {
        return Files.readAllLines(file).stream().filter(l -> !l.startsWith("#"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
    }

    private static void replace(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }

    @Test
    void secretsSurviveSaveAndOpen() throws Exception {
        SecretStore store = SecretStore.open(saved(), MASTER);

        assertThat(store.names()).containsExactly("app-key", "edge.keystore.password");
        assertThat(store.get("app-key")).contains(Secret.of(APP_KEY));
        assertThat(store.get("edge.keystore.password").orElseThrow().reveal()).isEqualTo(STORE_PW);
        assertThat(store.get("nothing")).isEmpty();
    }

    @Test
    void removeAndReplaceReachTheFileOnSave() throws Exception {
        Path file = saved();
        SecretStore store = SecretStore.open(file, MASTER);
        assertThat(store.remove("app-key")).isTrue();
        assertThat(store.remove("app-key")).isFalse();
        store.put("edge.keystore.password", Secret.of("new-value"));
        store.save();

        SecretStore again = SecretStore.open(file, MASTER);
        assertThat(again.names()).containsExactly("edge.keystore.password");
        assertThat(again.get("edge.keystore.password")).contains(Secret.of("new-value"));
    }

    @Test
    void theFileIsTextWithAHeaderAndNoPlaintext() throws Exception {
        Path file = saved();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Map<String, String> lines = lines(file);

        assertThat(text).doesNotContain(APP_KEY).doesNotContain(STORE_PW);
        assertThat(lines.keySet()).containsExactlyInAnyOrder("format", "kdf", "iterations", "salt", "check",
                "secret.app-key", "secret.edge.keystore.password");
        assertThat(lines).containsEntry("format", "1").containsEntry("kdf", "PBKDF2WithHmacSHA256");
        assertThat(Integer.parseInt(lines.get("iterations"))).isGreaterThanOrEqualTo(210_000);
        assertThat(Base64.getDecoder().decode(lines.get("salt"))).hasSize(16);
        byte[] value = Base64.getDecoder().decode(lines.get("secret.app-key"));
        assertThat(value[0]).isEqualTo((byte) 1);
        assertThat(value).hasSize(1 + 12 + APP_KEY.length() + 16);
    }

    @Test
    void equalValuesEncryptDifferentlyEachTime() throws Exception {
        Path file = dir.resolve("s");
        SecretStore store = SecretStore.create(file, MASTER, SecretCipher.MIN_ITERATIONS);
        store.put("a", Secret.of("same"));
        store.put("b", Secret.of("same"));
        store.save();
        String first = lines(file).get("secret.a");
        store.put("a", Secret.of("same"));
        store.save();

        assertThat(lines(file).get("secret.a")).isNotEqualTo(first).isNotEqualTo(lines(file).get("secret.b"));
    }

    @Test
    void aWrongMasterPasswordFailsAtOpen() throws Exception {
        Path file = saved();

        assertThatThrownBy(() -> SecretStore.open(file, "wrong-master".toCharArray()))
                .isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("wrong master password")
                .hasMessageContaining(file.toString());
    }

    @Test
    void aChangedValueFailsWhenReadAndNamesTheSecretOnly() throws Exception {
        Path file = saved();
        String sealed = lines(file).get("secret.app-key");
        byte[] bytes = Base64.getDecoder().decode(sealed);
        bytes[20] ^= 1;
        replace(file, sealed, Base64.getEncoder().encodeToString(bytes));

        SecretStore store = SecretStore.open(file, MASTER);
        assertThat(store.get("edge.keystore.password")).contains(Secret.of(STORE_PW));
        assertThatThrownBy(() -> store.get("app-key"))
                .isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("secret app-key")
                .hasMessageContaining("was changed")
                .hasMessageNotContaining(APP_KEY);
    }

    @Test
    void aValueMovedToAnotherNameDoesNotOpen() throws Exception {
        Path file = saved();
        Map<String, String> lines = lines(file);
        replace(file, "secret.app-key=" + lines.get("secret.app-key"),
                "secret.app-key=" + lines.get("secret.edge.keystore.password"));

        assertThatThrownBy(() -> SecretStore.open(file, MASTER).get("app-key")).isInstanceOf(SecretStoreException.class);
    }

    @Test
    void aChangedSaltIsCaughtAtOpen() throws Exception {
        Path file = saved();
        replace(file, "salt=" + lines(file).get("salt"), "salt=" + Base64.getEncoder().encodeToString(new byte[16]));

        assertThatThrownBy(() -> SecretStore.open(file, MASTER)).hasMessageContaining("wrong master password");
    }

    @Test
    void tooFewIterationsUnknownFormatsAndJunkAreRefused() throws Exception {
        Path file = saved();
        String good = Files.readString(file);

        Files.writeString(file, good.replaceFirst("iterations=\\d+", "iterations=1000"));
        assertThatThrownBy(() -> SecretStore.open(file, MASTER)).hasMessageContaining("iterations must be at least 210000");

        Files.writeString(file, good.replace("format=1", "format=2"));
        assertThatThrownBy(() -> SecretStore.open(file, MASTER)).hasMessageContaining("has format 2");

        Files.writeString(file, good + "just a line\n");
        assertThatThrownBy(() -> SecretStore.open(file, MASTER)).hasMessageContaining("is not key=value");

        Files.writeString(file, good + "secret.bad/name=AAAA\n");
        assertThatThrownBy(() -> SecretStore.open(file, MASTER)).hasMessageContaining("invalid secret name");

        Files.writeString(file, good.replace("secret.app-key=", "secret.app-key=%"));
        assertThatThrownBy(() -> SecretStore.open(file, MASTER)).hasMessageContaining("secret.app-key is not base64");

        Files.writeString(file, good + "extra=1\n");
        assertThatThrownBy(() -> SecretStore.open(file, MASTER)).hasMessageContaining("exactly format, kdf");
    }

    @Test
    void createRefusesAnExistingFileAndDefaultsToOwaspIterations() throws Exception {
        Path file = saved();
        assertThatThrownBy(() -> SecretStore.create(file, MASTER)).isInstanceOf(FileAlreadyExistsException.class);

        Path fresh = dir.resolve("fresh");
        SecretStore.create(fresh, MASTER).save();
        assertThat(lines(fresh)).containsEntry("iterations", "600000");
    }

    @Test
    void anEmptyMasterPasswordIsRefused() {
        assertThatThrownBy(() -> SecretStore.create(dir.resolve("x"), new char[0]))
                .hasMessageContaining("master password is empty");
    }

    @Test
    void namesAreRestricted() throws Exception {
        SecretStore store = SecretStore.create(dir.resolve("x"), MASTER, SecretCipher.MIN_ITERATIONS);

        for (String bad : List.of("", "a b", "a=b", "-lead", "x".repeat(129), "ü")) {
            assertThatThrownBy(() -> store.put(bad, Secret.of("v"))).isInstanceOf(IllegalArgumentException.class);
        }
        store.put("A-z_0.9", Secret.of("v"));
        assertThat(store.names()).containsExactly("A-z_0.9");
    }

    @Test
    void theFileIsReadableByItsOwnerOnly() throws Exception {
        Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved()))).isEqualTo("rw-------");
    }

    @Test
    void theResolverReadsTheStore() throws Exception {
        SecretStoreResolver resolver = new SecretStoreResolver(SecretStore.open(saved(), MASTER));

        assertThat(resolver.resolve("app-key")).contains(APP_KEY);
        assertThat(resolver.resolve("missing")).isEmpty();
        assertThat(resolver.toString()).contains("2 secrets").doesNotContain(APP_KEY);
    }
}
