package org.opencx.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.api.Test;

/** {@code cx-server.transport.websockets.iothread.count}: the reference product's key, 0 by default (one per core). */
class IoThreadsKeyTest {
    @Test
    void byDefaultOnePerCoreAndAtLeastTwo() {
        PlatformSettings p = TestConfigs.load(TestConfigs.valid()).platform();
        assertThat(p.ioThreads()).isZero();
        assertThat(p.ioThreadsToStart()).isEqualTo(Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    @Test
    void theKeyIsRead() {
        PlatformSettings p = TestConfigs.load("cx-server.transport.websockets.iothread.count = 16").platform();
        assertThat(p.ioThreads()).isEqualTo(16);
        assertThat(p.ioThreadsToStart()).isEqualTo(16);
        assertThat(p.withPipeCount(3).ioThreads()).as("kept by the other withers").isEqualTo(16);
    }

    @Test
    void aNegativeCountIsAProblemNamingTheKey() {
        assertThat(TestConfigs.problems("cx-server.transport.websockets.iothread.count = -1"))
                .extracting(ConfigProblem::path, ConfigProblem::expected)
                .containsExactly(tuple("cx-server.transport.websockets.iothread.count", "a whole number of 0 or more"));
    }
}
