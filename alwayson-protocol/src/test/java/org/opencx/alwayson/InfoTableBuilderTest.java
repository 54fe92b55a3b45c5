package org.opencx.alwayson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link InfoTable#builder()} and the table's accessors. */
class InfoTableBuilderTest {

    @Test
    void theDocumentedExample() {
        InfoTable t = InfoTable.builder()
                .field("name", BaseType.STRING)
                .field("value", BaseType.VARIANT)
                .row("Temperature", 72.5)
                .build();

        assertThat(t.shape().fields()).containsExactly(
                new FieldDefinition("name", BaseType.STRING), new FieldDefinition("value", BaseType.VARIANT));
        assertThat(t.rows()).containsExactly(List.of(
                new Primitive.Text(BaseType.STRING, "Temperature"), new Primitive.Variant(new Primitive.Number(72.5))));
        assertThat(t.first("value")).contains(new Primitive.Variant(new Primitive.Number(72.5)));
        assertThat(t.first("value").orElseThrow().javaValue()).isEqualTo(72.5);
    }

    @Test
    void aVariantInfersItsTypeFromTheJavaValue() {
        InfoTable t = InfoTable.builder().field("v", BaseType.VARIANT)
                .row("s").row(7).row(7L).row(1.5f).row(true).row(Instant.ofEpochMilli(5)).row(new byte[] {1})
                .row(InfoTable.EMPTY).row(Primitive.integer(3)).row((Object) null)
                .build();

        assertThat(t.rows()).extracting(r -> r.get(0)).containsExactly(
                Primitive.variant(Primitive.string("s")), Primitive.variant(Primitive.integer(7)),
                Primitive.variant(Primitive.number(7)), Primitive.variant(Primitive.number(1.5)),
                Primitive.variant(Primitive.bool(true)), Primitive.variant(Primitive.dateTime(5)),
                Primitive.variant(Primitive.blob(new byte[] {1})), Primitive.variant(Primitive.table(InfoTable.EMPTY)),
                Primitive.integer(3), Primitive.NOTHING);
    }

    @Test
    void plainValuesAreConvertedToTheFieldsType() {
        InfoTable t = InfoTable.builder()
                .field("n", BaseType.NUMBER).field("i", BaseType.INTEGER).field("d", BaseType.DATETIME)
                .field("j", BaseType.JSON).field("b", BaseType.BOOLEAN)
                .row(3, 4L, 5L, "{}", false)
                .build();

        assertThat(t.rows().get(0)).containsExactly(Primitive.number(3), Primitive.integer(4), Primitive.dateTime(5),
                Primitive.text(BaseType.JSON, "{}"), Primitive.bool(false));
    }

    @Test
    void aRowNeedsOneValuePerField() {
        InfoTable.Builder b = InfoTable.builder().field("a", BaseType.STRING).field("b", BaseType.STRING);
        assertThatIllegalArgumentException().isThrownBy(() -> b.row("only one"));
        assertThatIllegalArgumentException().isThrownBy(() -> b.row("one", "two", "three"));
        assertThatIllegalArgumentException().isThrownBy(() -> InfoTable.builder().row("no fields"));
        assertThat(b.row("one", "two").build().rows()).hasSize(1);
    }

    @Test
    void fieldsComeBeforeRows() {
        InfoTable.Builder b = InfoTable.builder().field("a", BaseType.STRING).row("x");
        assertThatIllegalStateException().isThrownBy(() -> b.field("b", BaseType.STRING));
    }

    @Test
    void firstLooksUpTheFieldInTheFirstRow() {
        InfoTable t = InfoTable.builder().field("a", BaseType.STRING).field("b", BaseType.INTEGER)
                .row("x", 1).row("y", 2).build();

        assertThat(t.first("a")).contains(Primitive.string("x"));
        assertThat(t.first("b")).contains(Primitive.integer(1));
        assertThat(t.first("c")).isEmpty();
        assertThat(InfoTable.builder().field("a", BaseType.STRING).build().first("a")).as("no rows").isEmpty();
        assertThat(InfoTable.EMPTY.first("a")).isEmpty();
    }

    @Test
    void singleIsOneFieldOfTheValuesTypeAndOneRow() {
        InfoTable t = InfoTable.single("Temperature", Primitive.number(21.5));
        assertThat(t.shape().fields()).containsExactly(new FieldDefinition("Temperature", BaseType.NUMBER));
        assertThat(t.rows()).containsExactly(List.of(Primitive.number(21.5)));
    }

    @Test
    void aBuiltTableDoesNotChangeWithTheBuilder() {
        InfoTable.Builder b = InfoTable.builder().field("a", BaseType.INTEGER).row(1);
        InfoTable first = b.build();
        b.row(2);

        assertThat(first.rows()).hasSize(1);
        assertThat(b.build().rows()).hasSize(2);
    }
}
