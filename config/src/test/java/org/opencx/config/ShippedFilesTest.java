package org.opencx.config;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.net.URI;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped files stay complete and loadable: every key of the long sample is read, and the other way round. */
class ShippedFilesTest {
    @Test
    void everyKeyOfTheLongSampleIsInReferenceConf() {
        assertThat(ShippedFiles.reference().getObject(Keys.ROOT)).isNotNull();
        assertThat(ShippedFiles.leaves(ShippedFiles.reference()))
                .containsAll(ShippedFiles.leaves(ShippedFiles.parse("cxserver-long-sample.conf")));
    }

    @Test
    void everyKeyOfReferenceConfIsInTheLongSample() {
        assertThat(ShippedFiles.leaves(ShippedFiles.parse("cxserver-long-sample.conf")))
                .containsAll(ShippedFiles.leaves(ShippedFiles.reference()));
    }

    @Test
    void everyKeyOfReferenceConfIsReadByTheLoader() {
        assertThat(Keys.ALL.stream().map(Key::path).collect(Collectors.toSet()))
                .isEqualTo(ShippedFiles.leaves(ShippedFiles.reference()));
    }

    @Test
    void theLongSampleLoadsToTheDefaults() {
        CxServerSettings s = TestConfigs.load(TestConfigs.withTestKeyStore(ShippedFiles.parse("cxserver-long-sample.conf")));
        assertThat(s.edge()).isEqualTo(EdgeEndpointSettings.DEFAULTS);
        assertThat(s.edgeTls()).isEqualTo(TestConfigs.load(TestConfigs.valid()).edgeTls());
        assertThat(s.platform()).isEqualTo(PlatformSettings.defaults(
                URI.create("wss://platform.example.com:443/Thingworx/WS"), TestConfigs.APP_KEY, "CXServer1"));
        assertThat(s.platformTls()).isEqualTo(PlatformTlsSettings.DEFAULTS);
        assertThat(s.routing()).isEqualTo(RoutingSettings.DEFAULTS);
        assertThat(s.healthCheckPort()).isEqualTo(9009);
        assertThat(s.shutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.metrics()).isEqualTo(MetricsSettings.DEFAULTS);
        assertThat(s.adminToken()).isNull();
        assertThat(s.tunneling()).isEqualTo(TunnelSettings.DEFAULTS);
        assertThat(s.httpClient()).isEqualTo(HttpClientSettings.DEFAULTS);
    }

    @Test
    void theShortConfigurationLoads() {
        CxServerSettings s = TestConfigs.load(
                TestConfigs.withTestTrustStore(TestConfigs.withTestKeyStore(ShippedFiles.parse("cxserver.conf"))));
        assertThat(s.platform().thingName()).isEqualTo("CXServer1");
        assertThat(s.platform().appKey()).isEqualTo(TestConfigs.APP_KEY);
        assertThat(s.platformTls().trustStore().password().reveal()).isEqualTo(TestStores.TRUST_STORE_PASSWORD);
        assertThat(s.edgeTls().keyStore().password().reveal()).isEqualTo(TestStores.KEY_STORE_PASSWORD);
    }

    @Test
    void theHaSampleFindsItsNodesInZooKeeper() {
        CxServerSettings s = TestConfigs.load(
                TestConfigs.withTestTrustStore(TestConfigs.withTestKeyStore(ShippedFiles.parse("cxserver-ha-sample.conf"))));
        assertThat(s.platform().platforms()).isEmpty();
        assertThat(s.discovery()).isEqualTo(DiscoverySettings.of("zookeeper1:2181,zookeeper2:2181,zookeeper3:2181"));
        assertThat(s.routing().failover()).as("the sample's routing block shows the defaults")
                .isEqualTo(FailoverSettings.DEFAULTS);
    }

    @Test
    void logConfigurationRollsAFileAndWatchesItself() throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ShippedFiles.DIR.resolve("log4j2.xml").toFile());
        assertThat(xml.getDocumentElement().getAttribute("monitorInterval")).isEqualTo("30");
        Element rolling = (Element) xml.getElementsByTagName("RollingFile").item(0);
        assertThat(rolling.getAttribute("fileName")).isEqualTo("logs/cxserver.log");
        var loggers = xml.getElementsByTagName("Logger");
        assertThat(IntStream.range(0, loggers.getLength()).mapToObj(i -> (Element) loggers.item(i))
                .collect(Collectors.toMap(e -> e.getAttribute("name"), e -> e.getAttribute("level"))))
                .containsEntry("org.opencx", "INFO").containsEntry("io.undertow", "WARN").containsEntry("org.xnio", "WARN");
    }
}
