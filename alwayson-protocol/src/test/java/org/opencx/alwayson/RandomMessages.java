package org.opencx.alwayson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Random valid messages of every kind, for round-trip tests: infotables with every encodable base
 * type, nested infotables and variants up to a depth limit, strings of 0..300 UTF-8 bytes
 * (non-ASCII included, lengths around the 127/128 prefix switch favoured), aspects, request
 * headers and gateways. Deterministic for a seed. A budget of values keeps each message small.
 */
final class RandomMessages {
    private static final BaseType[] ENCODABLE = Arrays.stream(BaseType.values())
            .filter(t -> t.encoding() != BaseType.Encoding.UNSUPPORTED).toArray(BaseType[]::new);
    private static final int[] EDGE_LENGTHS = {0, 1, 126, 127, 128, 129, 255, 256, 300};
    private static final String[] NON_ASCII = {"é", "ß", "€", "中", "😀", "\u0000", "\u007F", "\u00A0", "\uFFFD"};
    private static final double[] EDGE_DOUBLES = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 72.5};

    private final Random random;
    private final int maxDepth;
    private int budget;

    RandomMessages(long seed, int maxDepth) {
        this.random = new Random(seed);
        this.maxDepth = maxDepth;
    }

    Message next() {
        budget = random.nextInt(60);
        return switch (random.nextInt(6)) {
            case 0 -> request();
            case 1 -> response();
            case 2 -> new Auth(header(MethodCode.AUTH.code()), list(random.nextInt(4), () -> new Claim(string(), string())));
            case 3 -> new Bind(header(MethodCode.BIND.code()), gateway(), list(random.nextInt(6), this::string));
            case 4 -> new Unbind(header(MethodCode.UNBIND.code()), gateway(), list(random.nextInt(6), this::string));
            default -> new KeepAlive(header(MethodCode.KEEP_ALIVE.code()));
        };
    }

    private Request request() {
        int code = MethodCode.GET.code() + random.nextInt(4);
        EntityType[] types = EntityType.values();
        Characteristic[] characteristics = Characteristic.values();
        List<RequestHeader> headers = random.nextInt(5) == 0
                ? list(1 + random.nextInt(3), () -> new RequestHeader(string(), string())) : List.of();
        return new Request(header(code), types[random.nextInt(types.length)], string(),
                characteristics[random.nextInt(characteristics.length)], string(), headers,
                random.nextBoolean() ? table(1) : null);
    }

    private Response response() {
        int code = 0x40 + random.nextInt(0x100 - 0x40);
        return new Response(header(code), random.nextInt(3) == 0 ? string() : null,
                random.nextBoolean() ? table(1) : null);
    }

    private Header header(int code) {
        int version = random.nextInt(10) == 0 ? random.nextInt(256) : Header.VERSION;
        return new Header(version, code, random.nextInt(), random.nextInt(), random.nextInt());
    }

    private Gateway gateway() {
        return random.nextBoolean() ? null : new Gateway(string(), string());
    }

    /** An infotable at nesting level {@code depth} (the message's own table is level 1). */
    InfoTable table(int depth) {
        if (budget <= 0) {
            return InfoTable.EMPTY;
        }
        List<FieldDefinition> fields = list(random.nextInt(5), () -> field(depth));
        int width = random.nextInt(10) == 0 ? random.nextInt(4) : fields.size();
        List<List<Primitive>> rows = list(random.nextInt(4), () -> list(width, () -> primitive(depth)));
        return new InfoTable(new DataShape(fields), rows);
    }

    private FieldDefinition field(int depth) {
        BaseType[] all = BaseType.values();
        String description = random.nextInt(4) == 0 ? string() : "";
        List<Aspect> aspects = list(random.nextInt(5) == 0 ? 1 + random.nextInt(2) : 0,
                () -> new Aspect(string(), primitive(depth)));
        return new FieldDefinition(string(), description, all[random.nextInt(all.length)], aspects);
    }

    /** A value inside an infotable at level {@code depth}: nested ones go one level deeper. */
    Primitive primitive(int depth) {
        budget--;
        BaseType type = random.nextInt(8) == 0 ? (random.nextBoolean() ? BaseType.INFOTABLE : BaseType.VARIANT)
                                               : ENCODABLE[random.nextInt(ENCODABLE.length)];
        boolean canNest = depth < maxDepth && budget > 0;
        if (canNest && random.nextInt(40) == 0) {
            return deepest(depth);
        }
        while (!canNest && (type == BaseType.INFOTABLE || type == BaseType.VARIANT)) {
            type = ENCODABLE[random.nextInt(ENCODABLE.length)];
        }
        return switch (type.encoding()) {
            case NONE -> Primitive.NOTHING;
            case STRING -> Primitive.text(type, string());
            case NUMBER -> Primitive.number(number());
            case BOOLEAN -> Primitive.bool(random.nextBoolean());
            case DATETIME -> Primitive.dateTime(random.nextBoolean() ? random.nextLong() : random.nextInt(1 << 30) * 1000L);
            case INTEGER -> Primitive.integer(random.nextInt());
            case LOCATION -> Primitive.location(number(), number(), number());
            case BYTES -> new Primitive.Bytes(type, bytes(random.nextInt(301)));
            case INFOTABLE -> Primitive.table(table(depth + 1));
            case VARIANT -> Primitive.variant(primitive(depth + 1));
            case UNSUPPORTED -> throw new AssertionError(type);
        };
    }

    /** A chain of variants and infotables down to exactly the depth limit. */
    private Primitive deepest(int depth) {
        if (depth == maxDepth) {
            return Primitive.number(number());
        }
        return random.nextBoolean() ? Primitive.variant(deepest(depth + 1))
                                    : Primitive.table(InfoTable.single(string(), deepest(depth + 1)));
    }

    private double number() {
        return switch (random.nextInt(3)) {
            case 0 -> EDGE_DOUBLES[random.nextInt(EDGE_DOUBLES.length)];
            case 1 -> Double.longBitsToDouble(random.nextLong());
            default -> (random.nextDouble() - 0.5) * 1e6;
        };
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** A string of exactly a chosen number of UTF-8 bytes, 0..300, often near 127/128. */
    String string() {
        int target = random.nextInt(3) == 0 ? EDGE_LENGTHS[random.nextInt(EDGE_LENGTHS.length)]
                                            : random.nextInt(random.nextBoolean() ? 20 : 301);
        boolean ascii = random.nextBoolean();
        StringBuilder s = new StringBuilder();
        int bytes = 0;
        while (bytes < target) {
            String piece = !ascii && random.nextInt(3) == 0 ? NON_ASCII[random.nextInt(NON_ASCII.length)]
                                                            : String.valueOf((char) (' ' + random.nextInt(95)));
            int size = piece.getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size <= target) {
                s.append(piece);
                bytes += size;
            }
        }
        return s.toString();
    }

    private <T> List<T> list(int n, Supplier<T> item) {
        List<T> items = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(item.get());
        }
        return items;
    }
}
