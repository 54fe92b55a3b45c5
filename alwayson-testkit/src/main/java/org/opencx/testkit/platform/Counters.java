package org.opencx.testkit.platform;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The platform's live counters: plain adders, snapshot on demand. */
final class Counters {
    final LongAdder connectionsOpened = new LongAdder();
    final LongAdder connectionsActive = new LongAdder();
    final LongAdder sessionsOpened = new LongAdder();
    final LongAdder sessionsActive = new LongAdder();
    final LongAdder pipesActive = new LongAdder();
    final LongAdder pipeGroups = new LongAdder();
    final LongAdder binds = new LongAdder();
    final LongAdder unbinds = new LongAdder();
    final LongAdder chunksIn = new LongAdder();
    final LongAdder chunksOut = new LongAdder();
    final LongAdder bytesIn = new LongAdder();
    final LongAdder bytesOut = new LongAdder();
    final LongAdder protocolErrors = new LongAdder();
    final LongAdder authFailures = new LongAdder();
    final LongAdder requestTimeouts = new LongAdder();
    private final LongAdder[] messagesIn = adders();
    private final LongAdder[] messagesOut = adders();

    private static LongAdder[] adders() {
        LongAdder[] a = new LongAdder[PlatformMessageKind.values().length];
        for (int i = 0; i < a.length; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    void received(PlatformMessageKind kind) {
        messagesIn[kind.ordinal()].increment();
    }

    void sent(PlatformMessageKind kind) {
        messagesOut[kind.ordinal()].increment();
    }

    PlatformCounters snapshot() {
        return new PlatformCounters(connectionsOpened.sum(), connectionsActive.sum(), sessionsOpened.sum(),
                sessionsActive.sum(), pipesActive.sum(), pipeGroups.sum(), binds.sum(), unbinds.sum(),
                byKind(messagesIn), byKind(messagesOut), chunksIn.sum(), chunksOut.sum(), bytesIn.sum(),
                bytesOut.sum(), protocolErrors.sum(), authFailures.sum(), requestTimeouts.sum());
    }

    private static Map<PlatformMessageKind, Long> byKind(LongAdder[] adders) {
        Map<PlatformMessageKind, Long> m = new EnumMap<>(PlatformMessageKind.class);
        for (PlatformMessageKind k : PlatformMessageKind.values()) {
            m.put(k, adders[k.ordinal()].sum());
        }
        return m;
    }
}
