package org.opencx.alwayson;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** AUTH (0x14): any number of claims (spec 3.3). The C SDK sends one, {@code appKey}. */
public record Auth(Header header, List<Claim> claims) implements Message {
    public Auth {
        Objects.requireNonNull(header, "header");
        if (header.code() != MethodCode.AUTH.code()) {
            throw new IllegalArgumentException("not an AUTH code: " + header);
        }
        claims = List.copyOf(claims);
    }

    /** An AUTH request as an edge sends it: session id 0xFFFFFFFF, endpoint 0. */
    public static Auth of(int requestId, List<Claim> claims) {
        return new Auth(Header.of(MethodCode.AUTH.code(), requestId, 0, Header.NO_SESSION), claims);
    }

    /** The value of the first claim with this name. */
    public Optional<String> claim(String name) {
        return claims.stream().filter(c -> c.name().equals(name)).map(Claim::value).findFirst();
    }

    @Override
    public Auth withHeader(Header h) {
        return new Auth(h, claims);
    }
}
