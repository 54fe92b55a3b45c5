package org.opencx.testkit.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.Characteristic;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.MethodCode;
import org.opencx.alwayson.Primitive;
import org.opencx.alwayson.Request;
import org.opencx.alwayson.StatusCode;

/** The platform's requests to devices: read, write, invoke, and each way they fail. */
class PlatformToDeviceTest {
    static final String KEY = "platform-to-device-key";
    static final String THING = "Pump7";

    private ReferencePlatform platform;

    @BeforeEach
    void start() {
        platform = ReferencePlatform.builder().appKey(KEY).thing(THING, "Idle")
                .requestTimeout(Duration.ofMillis(400)).build();
        platform.start();
    }

    @AfterEach
    void stop() {
        platform.stop();
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS);
    }

    static PlatformRequestException failure(CompletableFuture<?> f) {
        try {
            f.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(PlatformRequestException.class);
            return (PlatformRequestException) e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the request succeeded");
    }

    @Test
    void readWriteAndInvokeReachTheDevice() throws Exception {
        try (ScriptedEdge edge = ScriptedEdge.bound(platform.wsUri(), KEY, THING)) {
            var read = platform.readProperty(THING, "Speed");
            Request get = edge.nextRequest();
            assertThat(get.method()).isEqualTo(MethodCode.GET);
            assertThat(get.characteristic()).isEqualTo(Characteristic.PROPERTIES);
            assertThat(get.characteristicName()).isEqualTo("Speed");
            assertThat(get.params()).isNull();
            assertThat(get.header().sessionId()).isEqualTo(edge.sessionId());
            edge.answer(get, StatusCode.SUCCESS, InfoTable.single("Speed", Primitive.integer(1450)));
            assertThat(get(read)).isEqualTo(Primitive.integer(1450));

            var all = platform.readProperties(THING);
            Request star = edge.nextRequest();
            assertThat(star.characteristicName()).isEqualTo("*");
            InfoTable props = InfoTable.builder().field("Speed", BaseType.INTEGER).field("On", BaseType.BOOLEAN)
                    .row(1450, true).build();
            edge.answer(star, StatusCode.SUCCESS, props);
            assertThat(get(all)).isEqualTo(props);

            var write = platform.writeProperty(THING, "Speed", Primitive.integer(900));
            Request put = edge.nextRequest();
            assertThat(put.method()).isEqualTo(MethodCode.PUT);
            assertThat(put.params()).isEqualTo(InfoTable.single("Speed", Primitive.integer(900)));
            edge.answer(put, StatusCode.SUCCESS, null);
            assertThat(get(write)).isNull();

            InfoTable ab = InfoTable.builder().field("a", BaseType.NUMBER).field("b", BaseType.NUMBER).row(3, 4.5).build();
            var invoke = platform.invokeService(THING, "AddNumbers", ab);
            Request post = edge.nextRequest();
            assertThat(post.method()).isEqualTo(MethodCode.POST);
            assertThat(post.characteristic()).isEqualTo(Characteristic.SERVICES);
            assertThat(post.params()).isEqualTo(ab);
            edge.answer(post, StatusCode.SUCCESS, InfoTable.single("result", Primitive.number(7.5)));
            assertThat(get(invoke).first("result")).contains(Primitive.number(7.5));

            var noContent = platform.invokeService(THING, "Reset", null);
            Request reset = edge.nextRequest();
            assertThat(reset.params()).isNull();
            edge.answer(reset, StatusCode.SUCCESS, null);
            assertThat(get(noContent)).isEqualTo(InfoTable.EMPTY);
        }
    }

    @Test
    void aDeviceErrorCarriesItsCodeAndReason() {
        try (ScriptedEdge edge = ScriptedEdge.bound(platform.wsUri(), KEY, THING)) {
            var invoke = platform.invokeService(THING, "NoSuchService", null);
            edge.answer(edge.nextRequest(), StatusCode.NOT_FOUND, "no handler", null);
            PlatformRequestException e = failure(invoke);
            assertThat(e.status()).isEqualTo(StatusCode.NOT_FOUND);
            assertThat(e.origin()).isEqualTo(PlatformRequestException.Origin.DEVICE);
            assertThat(e.reason()).isEqualTo("no handler");
        }
    }

    @Test
    void aDeviceThatNeverAnswersTimesOutWith0xA4() {
        try (ScriptedEdge edge = ScriptedEdge.bound(platform.wsUri(), KEY, THING)) {
            var read = platform.readProperty(THING, "Speed");
            edge.nextRequest();
            PlatformRequestException e = failure(read);
            assertThat(e.status()).isEqualTo(StatusCode.GATEWAY_TIMEOUT);
            assertThat(e.origin()).isEqualTo(PlatformRequestException.Origin.PLATFORM);
            assertThat(e.reason()).contains(THING);
            assertThat(platform.counters().requestTimeouts()).isEqualTo(1);
        }
    }

    @Test
    void aThingBoundNowhereFailsAtOnceWith0x84() {
        assertThat(failure(platform.readProperty("Idle", "x")).status()).isEqualTo(StatusCode.NOT_FOUND);
        PlatformRequestException unknown = failure(platform.readProperty("Unknown", "x"));
        assertThat(unknown.status()).isEqualTo(StatusCode.NOT_FOUND);
        assertThat(unknown.reason()).contains("Unknown");
    }

    @Test
    void requestsInFlightFailWhenTheSocketCloses() {
        ScriptedEdge edge = ScriptedEdge.bound(platform.wsUri(), KEY, THING);
        var read = platform.readProperty(THING, "Speed");
        edge.nextRequest();
        edge.abort();
        assertThat(failure(read).status()).isEqualTo(StatusCode.SERVICE_UNAVAILABLE);
    }

    @Test
    void aStoppedPlatformRefusesRequests() {
        platform.stop();
        assertThat(failure(platform.readProperty(THING, "x")).status()).isEqualTo(StatusCode.SERVICE_UNAVAILABLE);
    }

    @Test
    void aLateAnswerIsIgnored() throws Exception {
        try (ScriptedEdge edge = ScriptedEdge.bound(platform.wsUri(), KEY, THING)) {
            var read = platform.readProperty(THING, "Speed");
            Request q = edge.nextRequest();
            assertThat(failure(read).status()).isEqualTo(StatusCode.GATEWAY_TIMEOUT);
            edge.answer(q, StatusCode.SUCCESS, InfoTable.single("Speed", Primitive.number(1)));
            // The socket stays usable.
            var again = platform.readProperty(THING, "Speed");
            edge.answer(edge.nextRequest(), StatusCode.SUCCESS, InfoTable.single("Speed", Primitive.number(2)));
            assertThat(get(again)).isEqualTo(Primitive.number(2));
        }
        assertThatThrownBy(() -> platform.thing("Nope").orElseThrow()).isInstanceOf(java.util.NoSuchElementException.class);
    }
}
