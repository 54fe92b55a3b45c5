package org.opencx.testkit.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.Primitive;

/** A thing's stores are bounded. */
class ThingTest {
    private final PlatformLimits limits = new PlatformLimits(1 << 20, 10, 10, 10, 2, 3, 10);
    private final Thing thing = new Thing(ThingDeclaration.named("T"), limits);

    @Test
    void eventsKeepOnlyTheMostRecent() {
        for (int i = 0; i < 5; i++) {
            thing.addEvent(new EventRecord("e" + i, InfoTable.EMPTY, Instant.EPOCH));
        }
        assertThat(thing.view().events()).extracting(EventRecord::name).containsExactly("e2", "e3", "e4");
    }

    @Test
    void valuesAndPropertiesStopAtTheLimitButUpdatesGoOn() {
        assertThat(thing.storeValue(new PropertyValue("a", Primitive.number(1), Instant.EPOCH, "GOOD"))).isTrue();
        assertThat(thing.storeValue(new PropertyValue("b", Primitive.number(1), Instant.EPOCH, "GOOD"))).isTrue();
        assertThat(thing.storeValue(new PropertyValue("c", Primitive.number(1), Instant.EPOCH, "GOOD"))).isFalse();
        assertThat(thing.storeValue(new PropertyValue("a", Primitive.number(2), Instant.EPOCH, "GOOD"))).isTrue();
        assertThat(thing.value("a").value()).isEqualTo(Primitive.number(2));
        assertThat(thing.putProperty("x", Primitive.string("1"))).isTrue();
        assertThat(thing.putProperty("y", Primitive.string("1"))).isTrue();
        assertThat(thing.putProperty("z", Primitive.string("1"))).isFalse();
    }
}
