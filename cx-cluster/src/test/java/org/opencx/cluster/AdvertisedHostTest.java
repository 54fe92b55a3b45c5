package org.opencx.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The host a server registers for others to reach it. */
class AdvertisedHostTest {
    @Test
    void aConfiguredHostWins() {
        assertThat(AdvertisedHost.pick(" cx-1.example.com ", "0.0.0.0")).isEqualTo("cx-1.example.com");
    }

    @Test
    void elseASiteLocalAddressOrTheListenersHost() throws Exception {
        String picked = AdvertisedHost.pick(null, "127.0.0.1");
        assertThat(picked.equals("127.0.0.1") || InetAddress.getByName(picked).isSiteLocalAddress())
                .as(picked).isTrue();
    }

    @Test
    void aWildcardListenerIsNeverAdvertised() {
        assertThat(AdvertisedHost.pick(null, "0.0.0.0")).isNotEqualTo("0.0.0.0").isNotBlank();
        assertThat(AdvertisedHost.isWildcard("::")).isTrue();
    }
}
