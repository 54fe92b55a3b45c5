package org.opencx.alwayson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencx.alwayson.vectors.Transcript;
import org.opencx.alwayson.vectors.Vectors;

/** What the value records show in logs, and the status code table (spec 2.2). */
class ValueObjectsTest {

    @Test
    void aClaimNeverShowsItsValue() {
        Claim c = Claim.appKey("s3cr3t-key");
        assertThat(c.toString()).contains("appKey").doesNotContain("s3cr3t");
        assertThat(Auth.of(2, List.of(c)).toString()).doesNotContain("s3cr3t");
    }

    /** The captured AUTH carries a real app key; the decoded message can be logged without it. */
    @Test
    void aDecodedAuthCanBeLoggedWithoutItsKey() {
        List<Transcript.Entry> found = Vectors.transcript("01-basic").labelled("AUTH-rid2");
        Auth auth = (Auth) MessageDecoder.withDefaults().decode(found.get(0).bytes());
        String key = auth.claim(Claim.APP_KEY).orElseThrow();

        assertThat(key).hasSizeGreaterThan(8);
        assertThat(auth.toString()).doesNotContain(key).contains("appKey");
    }

    @Test
    void aHeaderPrintsItsIdsUnsigned() {
        Header h = Header.of(0x40, 0xFFFFFFFF, 0x80000000, Header.NO_SESSION);
        assertThat(h.toString())
                .contains("code=0x40")
                .contains("requestId=4294967295")
                .contains("endpointId=2147483648")
                .contains("sessionId=4294967295")
                .doesNotContain("-");
    }

    @ParameterizedTest
    @CsvSource({"SUCCESS,0x40", "BAD_REQUEST,0x80", "UNAUTHORIZED,0x81", "BAD_OPTION,0x82", "FORBIDDEN,0x83",
        "NOT_FOUND,0x84", "METHOD_NOT_ALLOWED,0x85", "NOT_ACCEPTABLE,0x86", "PRECONDITION_FAILED,0x8C",
        "ENTITY_TOO_LARGE,0x8D", "UNSUPPORTED_CONTENT_FORMAT,0x8F", "INTERNAL_SERVER_ERROR,0xA0", "NOT_IMPLEMENTED,0xA1",
        "BAD_GATEWAY,0xA2", "SERVICE_UNAVAILABLE,0xA3", "GATEWAY_TIMEOUT,0xA4"})
    void knownStatusCodes(String name, String hex) {
        int code = Integer.decode(hex);
        StatusCode s = StatusCode.of(code);
        assertThat(s.name()).isEqualTo(name);
        assertThat(s.code()).isEqualTo(code);
        assertThat(s.toString()).isEqualTo(name + "(" + hex + ")");
        assertThat(s.isSuccess()).isEqualTo(code == 0x40);
    }

    /** 0xA5 and 0xA6 are SDK-internal, never on the wire; any other unnamed code is just as unknown. */
    @ParameterizedTest
    @ValueSource(ints = {0x41, 0x8E, 0xA5, 0xA6, 0xFF, 0x00, 0x14, -1, 256, Integer.MIN_VALUE})
    void unknownStatusCodes(int code) {
        StatusCode s = StatusCode.of(code);
        assertThat(s).isSameAs(StatusCode.UNKNOWN);
        assertThat(s.isSuccess()).isFalse();
    }

    @Test
    void aResponseWithAnUnknownCodeKeepsTheExactByte() {
        byte[] m = TestBytes.hex("01 A5 00 00 00 09 00 00 00 00 00 00 00 01 00  00 FF");
        Response r = (Response) MessageDecoder.withDefaults().decode(m);
        assertThat(r.status()).isSameAs(StatusCode.UNKNOWN);
        assertThat(r.header().code()).isEqualTo(0xA5);
        assertThat(r.isSuccess()).isFalse();
        assertThat(StatusCode.UNKNOWN.toString()).isEqualTo("UNKNOWN");
    }
}
