package org.pdrop.ctf.ir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pdrop.ctf.ir.Ir.*;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.MetadataException;

class ResolveFieldRefsPassTest {

    private static TraceClass resolve(TraceClass tc) {
        return ResolveFieldRefsPass.apply(tc, PassContext.of(Diagnostics.IGNORE));
    }

    private static StructType payloadOf(StructType payload) {
        return resolvePayload(payload, null);
    }

    private static StructType resolvePayload(StructType payload, StructType eventContext) {
        TraceClass tc = resolve(trace(null, List.of(), stream(0, null, null, eventContext, event(0, "e", payload))));
        return tc.streams().get(0).events().get(0).payload();
    }

    private static FieldRef lengthOf(FieldType t) {
        return ((SequenceType) t).length();
    }

    @Test
    void relativeLengthInTheSameStructure() {
        StructType p = payloadOf(st(f("len", u(8)), f("a", seq(u(8), "len"))));
        assertThat(lengthOf(p.field("a").type())).isEqualTo(new FieldRef("len", Scope.EVENT_PAYLOAD, List.of(0)));
    }

    @Test
    void relativeLengthSearchesEnclosingStructuresInnermostFirst() {
        StructType inner = st(f("len", u(16)), f("a", seq(u(8), "len")));
        StructType p = payloadOf(st(f("len", u(8)), f("s", inner), f("t", st(f("b", seq(u(8), "len"))))));
        assertThat(lengthOf(((StructType) p.field("s").type()).field("a").type()))
                .isEqualTo(new FieldRef("len", Scope.EVENT_PAYLOAD, List.of(1, 0)));
        assertThat(lengthOf(((StructType) p.field("t").type()).field("b").type()))
                .isEqualTo(new FieldRef("len", Scope.EVENT_PAYLOAD, List.of(0)));
    }

    @Test
    void oneSharedTypeResolvedPerPlace() {
        StructType blob = st(f("n", u(8)), f("data", seq(u(8), "n")));
        StructType p = payloadOf(st(f("x", blob), f("pad", u(8)), f("y", blob)));
        assertThat(lengthOf(((StructType) p.field("x").type()).field("data").type()).path()).containsExactly(0, 0);
        assertThat(lengthOf(((StructType) p.field("y").type()).field("data").type()).path()).containsExactly(2, 0);
    }

    @Test
    void dottedRelativePath() {
        StructType p = payloadOf(st(f("hdr", st(f("n", u(8)))), f("a", seq(u(8), "hdr.n"))));
        assertThat(lengthOf(p.field("a").type()).path()).containsExactly(0, 0);
    }

    @Test
    void absolutePathIntoAnEarlierScope() {
        StructType p = resolvePayload(st(f("a", seq(u(8), "stream.event.context.n"))), st(f("n", u(32))));
        assertThat(lengthOf(p.field("a").type()))
                .isEqualTo(new FieldRef("stream.event.context.n", Scope.EVENT_COMMON_CONTEXT, List.of(0)));
    }

    @Test
    void referenceIntoALaterScopeIsAnError() {
        TraceClass tc = trace(null, List.of(),
                stream(0, st(f("a", seq(u(8), "event.fields.n"))), null, null, event(0, "e", st(f("n", u(8))))));
        assertThatThrownBy(() -> resolve(tc)).isInstanceOf(MetadataException.class)
                .hasMessageContaining("decoded after stream.packet.context");
    }

    @Test
    void targetMustComeBeforeTheReferrer() {
        assertThatThrownBy(() -> payloadOf(st(f("a", seq(u(8), "len")), f("len", u(8)))))
                .hasMessageContaining("no field `len` before it");
        FieldRef ahead = new FieldRef("event.fields.len", Scope.EVENT_PAYLOAD, List.of(1));
        assertThatThrownBy(() -> payloadOf(st(f("a", new SequenceType(u(8), ahead)), f("len", u(8)))))
                .hasMessageContaining("is not decoded before");
        assertThatThrownBy(() -> payloadOf(st(f("a", seq(u(8), "event.fields.a")))))
                .hasMessageContaining("contains, or is contained in");
    }

    @Test
    void targetInsideAnArrayIsAnErrorUnlessInTheSameElement() {
        assertThatThrownBy(() -> payloadOf(st(f("arr", new ArrayType(st(f("n", u(8))), 2)),
                f("a", seq(u(8), "event.fields.arr.n"))))).hasMessageContaining("inside an array or a sequence");
        StructType element = st(f("n", u(8)), f("d", seq(u(8), "n")));
        StructType p = payloadOf(st(f("items", new ArrayType(element, 4))));
        StructType e = (StructType) ((ArrayType) p.field("items").type()).element();
        assertThat(lengthOf(e.field("d").type()).path()).containsExactly(0, 0); // the array level takes no index
    }

    @Test
    void variantTagsAndOptions() {
        VariantType inner = var("t2", f("x", u(8)), f("y", u(16)));
        VariantType outer = var("tag", f("a", st(f("t2", en("x", "y")), f("in", inner))), f("b", u(8)));
        StructType p = payloadOf(st(f("tag", en("a", "b")), f("v", outer)));
        VariantType v = (VariantType) p.field("v").type();
        assertThat(v.tag()).isEqualTo(new FieldRef("tag", Scope.EVENT_PAYLOAD, List.of(0)));
        VariantType in = (VariantType) ((StructType) v.options().get(0).type()).field("in").type();
        assertThat(in.tag()).isEqualTo(new FieldRef("t2", Scope.EVENT_PAYLOAD, List.of(1, 0, 0)));
    }

    @Test
    void targetInsideAVariantOptionIsAnErrorFromOutside() {
        VariantType v = var("tag", f("a", st(f("n", u(8)))), f("b", u(8)));
        assertThatThrownBy(() -> payloadOf(st(f("tag", en("a", "b")), f("v", v),
                f("d", seq(u(8), "event.fields.v.a.n"))))).hasMessageContaining("inside an option of a variant");
    }

    @Test
    void typeRules() {
        assertThatThrownBy(() -> payloadOf(st(f("len", s(8)), f("a", seq(u(8), "len")))))
                .hasMessageContaining("signed integer");
        assertThatThrownBy(() -> payloadOf(st(f("len", new StringType(Encoding.UTF8)), f("a", seq(u(8), "len")))))
                .hasMessageContaining("not an integer");
        assertThatThrownBy(() -> payloadOf(st(f("tag", u(8)), f("v", var("tag", f("a", u(8)))))))
                .hasMessageContaining("not an enumeration");
        assertThatThrownBy(() -> payloadOf(st(f("tag", en("x")), f("v", var("tag", f("a", u(8)))))))
                .hasMessageContaining("no option of the variant matches");
        assertThat(lengthOf(payloadOf(st(f("len", en("a")), f("a", seq(u(8), "len")))).field("a").type()).resolved())
                .isTrue();
    }

    @Test
    void errorsNameFileLineAndPlace() {
        StructType payload = st(f("a", seq(u(8), "missing")));
        EventClass e = event(3, "ev", payload);
        TraceClass tc = trace(null, List.of(), stream(0, null, null, null, e));
        SourceMap map = new SourceMap("/t/metadata");
        map.put(payload.fields().get(0), 42);
        map.put(e, 40);
        assertThatThrownBy(() -> ResolveFieldRefsPass.apply(tc, new PassContext(Diagnostics.IGNORE, map)))
                .hasMessage("Cannot resolve sequence length: file=\"/t/metadata\", line=42, stream=0, event=\"ev\","
                        + " field=\"a\", reason=\"no field `missing` before it in the enclosing structures of event.fields\"");
    }
}
