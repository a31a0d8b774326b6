package org.pdrop.ctf.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.metadata.MetadataParser.Status;

class MetadataParserTest {

    @Test
    void completeOnlyAfterATopLevelDeclaration() {
        MetadataParser p = new MetadataParser("live", Diagnostics.IGNORE);
        assertThat(p.append("/* CTF 1.8 */\ntypealias integer { size = 8; } := uint8_t")).isEqualTo(Status.INCOMPLETE);
        assertThat(p.append(";\n")).isEqualTo(Status.COMPLETE);
        assertThat(p.append("trace { major = 1; minor = 8;")).isEqualTo(Status.INCOMPLETE);
        assertThatThrownBy(p::traceClass).isInstanceOf(IllegalStateException.class);
        assertThat(p.append(" byte_order = le; };")).isEqualTo(Status.COMPLETE);
        assertThat(p.traceClass().streams()).isEmpty();
        assertThat(p.append("\nevent { name = \"a } ; /* \"; fields := struct { uint8_t x; }; ")).isEqualTo(Status.INCOMPLETE);
        assertThat(p.append("}; // done }\n")).isEqualTo(Status.COMPLETE);
        assertThat(p.traceClass().streams().get(0).events().get(0).name()).isEqualTo("a } ; /* ");
    }

    @Test
    void chunksMayCutCommentsAndStrings() {
        MetadataParser p = new MetadataParser("live", Diagnostics.IGNORE);
        assertThat(p.append("trace { major = 1; minor = 8; byte_order = le; }; /")).isEqualTo(Status.INCOMPLETE);
        assertThat(p.append("* a comment; }")).isEqualTo(Status.INCOMPLETE);
        assertThat(p.append(" *")).isEqualTo(Status.INCOMPLETE);
        assertThat(p.append("/")).isEqualTo(Status.COMPLETE);
        assertThat(p.append("env { s = \"x\\")).isEqualTo(Status.INCOMPLETE);
        assertThat(p.append("\"; };\" ;")).isEqualTo(Status.INCOMPLETE);
        assertThat(p.append(" };")).isEqualTo(Status.COMPLETE);
        assertThat(p.traceClass().env().get("s")).isEqualTo("x\"; };");
    }
}
