package org.opencx.config.security;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.opencx.config.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secret store's master password, from the environment: {@value #VARIABLE} holds it, or
 * {@value #FILE_VARIABLE} names a file whose first line is it (set one, not both).
 */
public final class MasterPassword {
    public static final String VARIABLE = "CX_SERVER_MASTER_PASSWORD";
    public static final String FILE_VARIABLE = "CX_SERVER_MASTER_PASSWORD_FILE";
    private static final Logger log = LoggerFactory.getLogger(MasterPassword.class);

    private MasterPassword() {
    }

    /**
     * The master password, if the environment gives one.
     *
     * @throws IllegalStateException when both variables are set, the file cannot be read, or the
     *                               password is empty
     */
    public static Optional<Secret> find(Map<String, String> env) {
        String value = env.get(VARIABLE);
        String fileName = env.get(FILE_VARIABLE);
        if (value != null && fileName != null) {
            throw new IllegalStateException("set " + VARIABLE + " or " + FILE_VARIABLE + ", not both");
        }
        if (fileName != null) {
            value = readFile(Path.of(fileName));
        }
        if (value != null && value.isEmpty()) {
            throw new IllegalStateException("the master password in " + (fileName == null ? VARIABLE : fileName) + " is empty");
        }
        return Optional.ofNullable(value).map(Secret::of);
    }

    /** @throws IllegalStateException as {@link #find}, and when neither variable is set */
    public static Secret fromEnvironment(Map<String, String> env) {
        return find(env).orElseThrow(() -> new IllegalStateException(
                "no master password: set " + VARIABLE + " or " + FILE_VARIABLE + " (a file whose first line is the password)"));
    }

    private static String readFile(Path file) {
        try {
            if (PrivateFiles.readableByOthers(file)) {
                log.warn("master password file {} is readable by others than its owner; chmod 600 it", file);
            }
            return PrivateFiles.firstLine(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the master password file " + file + ": " + e, e);
        }
    }
}
