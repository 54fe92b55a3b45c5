package org.opencx.alwayson;

/** What a request addresses on its entity (spec 2.4): a property, a service or an event. */
public enum Characteristic {
    PROPERTIES(1),
    SERVICES(2),
    EVENTS(3);

    private final int code;

    Characteristic(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The characteristic for a wire code, or {@code null} when it has none. */
    public static Characteristic of(int code) {
        return switch (code) {
            case 1 -> PROPERTIES;
            case 2 -> SERVICES;
            case 3 -> EVENTS;
            default -> null;
        };
    }
}
