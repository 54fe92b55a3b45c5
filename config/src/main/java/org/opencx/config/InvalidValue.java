package org.opencx.config;

/** A value of the right type that cannot be used; says what was expected instead. */
final class InvalidValue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidValue(String expected) {
        super(expected, null, false, false);
    }

    String expected() {
        return getMessage();
    }
}
