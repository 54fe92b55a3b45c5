package org.opencx.alwayson;

/** The entity type of a request (spec 2.4). THINGS is the one devices use almost always. */
public enum EntityType {
    UNDEFINED(0x00),
    THINGS(0x0A),
    THINGSHAPES(0x0B),
    THINGTEMPLATES(0x0C),
    THINGPACKAGES(0x0D),
    NETWORKS(0x0E),
    DATASHAPES(0x0F),
    MODELTAGS(0x14),
    DATATAGS(0x15),
    MASHUPS(0x1E),
    WIDGETS(0x1F),
    STYLEDEFINITIONS(0x20),
    STATEDEFINITIONS(0x21),
    MENUS(0x22),
    MEDIAENTITIES(0x23),
    LOCALIZATIONTABLES(0x24),
    DASHBOARDS(0x27),
    LOGS(0x28),
    USERS(0x32),
    GROUPS(0x33),
    ORGANIZATIONS(0x34),
    APPLICATIONKEYS(0x35),
    DIRECTORYSERVICES(0x36),
    RESOURCES(0x3C),
    SCRIPTFUNCTIONLIBRARIES(0x3D),
    EXTENSIONPACKAGES(0x46),
    SUBSYSTEMS(0x50);

    private static final EntityType[] BY_CODE = new EntityType[256];

    static {
        for (EntityType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;

    EntityType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The entity type for a wire code, or {@code null} when the code names none. */
    public static EntityType of(int code) {
        return (code & ~0xFF) == 0 ? BY_CODE[code] : null;
    }
}
