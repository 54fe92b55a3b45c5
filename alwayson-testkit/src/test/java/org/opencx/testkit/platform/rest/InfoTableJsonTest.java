package org.opencx.testkit.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opencx.alwayson.BaseType;
import org.opencx.alwayson.InfoTable;
import org.opencx.alwayson.Primitive;

class InfoTableJsonTest {
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode node(String text) throws Exception {
        return json.readTree(text);
    }

    @Test
    void jsonValuesInferTheirBaseType() throws Exception {
        assertThat(InfoTableJson.infer(node("3"))).isEqualTo(Primitive.number(3));
        assertThat(InfoTableJson.infer(node("2.5"))).isEqualTo(Primitive.number(2.5));
        assertThat(InfoTableJson.infer(node("\"hi\""))).isEqualTo(Primitive.string("hi"));
        assertThat(InfoTableJson.infer(node("true"))).isEqualTo(Primitive.bool(true));
        assertThat(InfoTableJson.infer(node("{\"a\":1}"))).isEqualTo(Primitive.text(BaseType.JSON, "{\"a\":1}"));
        assertThat(InfoTableJson.infer(node("[1,2]"))).isEqualTo(Primitive.text(BaseType.JSON, "[1,2]"));
        assertThat(InfoTableJson.infer(node("null"))).isEqualTo(Primitive.NOTHING);
    }

    @Test
    void aTargetTypeConverts() throws Exception {
        assertThat(InfoTableJson.fromJson(node("4"), BaseType.INTEGER)).isEqualTo(Primitive.integer(4));
        assertThat(InfoTableJson.fromJson(node("\"7\""), BaseType.NUMBER)).isEqualTo(Primitive.number(7));
        assertThat(InfoTableJson.fromJson(node("\"2024-01-02T03:04:05Z\""), BaseType.DATETIME))
                .isEqualTo(Primitive.dateTime(1704164645000L));
        assertThat(InfoTableJson.fromJson(node("12"), BaseType.DATETIME)).isEqualTo(Primitive.dateTime(12));
        assertThat(InfoTableJson.fromJson(node("{\"longitude\":1,\"latitude\":2}"), BaseType.LOCATION))
                .isEqualTo(Primitive.location(1, 2, 0));
        assertThat(InfoTableJson.fromJson(node("\"AQI=\""), BaseType.BLOB))
                .isEqualTo(Primitive.blob(new byte[] {1, 2}));
        assertThat(InfoTableJson.fromJson(node("5"), BaseType.VARIANT)).isEqualTo(Primitive.variant(Primitive.number(5)));
        assertThat(InfoTableJson.fromJson(node("5"), BaseType.STRING)).isEqualTo(Primitive.string("5"));
        assertThatThrownBy(() -> InfoTableJson.fromJson(node("1.5"), BaseType.INTEGER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InfoTableJson.fromJson(node("\"x\""), BaseType.BOOLEAN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void infotablesRoundTripInThingWorxShape() {
        InfoTable t = InfoTable.builder().field("name", BaseType.STRING).field("n", BaseType.INTEGER)
                .field("at", BaseType.DATETIME).field("doc", BaseType.JSON)
                .row("a", 1, 1000L, "{\"k\":true}").row("b", 2, 2000L, "[]").build();
        ObjectNode o = InfoTableJson.toJson(t);
        assertThat(o.path("dataShape").path("fieldDefinitions").path("n").path("baseType").asText()).isEqualTo("INTEGER");
        assertThat(o.path("rows").get(0).path("doc").path("k").asBoolean()).isTrue();
        assertThat(o.path("rows").get(1).path("at").asLong()).isEqualTo(2000L);
        assertThat(InfoTableJson.table(o)).isEqualTo(t);
        assertThat(InfoTableJson.fromJson(o, BaseType.INFOTABLE)).isEqualTo(Primitive.table(t));
    }

    @Test
    void serviceParametersAreOneRow() throws Exception {
        InfoTable p = InfoTableJson.params((ObjectNode) node("{\"a\": 1, \"s\": \"x\", \"o\": {\"z\": 0}}"));
        assertThat(p.shape().fields()).extracting(f -> f.baseType())
                .containsExactly(BaseType.NUMBER, BaseType.STRING, BaseType.JSON);
        assertThat(p.rows()).hasSize(1);
        assertThat(InfoTableJson.params(json.createObjectNode())).isNull();
    }

    @Test
    void badJsonSaysSo() {
        assertThatThrownBy(() -> InfoTableJson.parse("{oops".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON");
    }
}
