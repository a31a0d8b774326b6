package org.pdrop.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CsvSinkTest {
    @Test
    void listing() throws IOException {
        SinkFixture f = new SinkFixture();
        String out = f.run(new CsvSink(f.outW, f.errW, ZoneOffset.UTC, false), true);
        Expect.matches(out, "fixture.csv.expect");
        assertThat(out.lines().findFirst()).hasValue("time_ns,time,kind,event,cpu,skbaddr,location,symbol,offset,"
                + "module,protocol,protocol_name,reason,reason_name,reason_source,reason_approximate,reason_truncated,"
                + "procname,tid,pid,stream");
        assertThat(out).contains(",\"socat, \"\"x\"\"\",");
        assertThat(f.err.toString()).contains("17 events discarded");
    }

    @Test
    void summary() throws IOException {
        SinkFixture f = new SinkFixture();
        String out = f.run(new CsvSink(f.outW, f.errW, ZoneOffset.UTC, true), false);
        Expect.matches(out, "fixture.summary.csv.expect");
        long columns = out.lines().findFirst().orElseThrow().chars().filter(c -> c == ',').count();
        assertThat(out.lines()).allSatisfy(l -> assertThat(l.chars().filter(c -> c == ',').count()).isEqualTo(columns));
    }

    @Test
    void quotesOnlyWhenNeeded() {
        assertThat(Csv.field("plain")).isEqualTo("plain");
        assertThat(Csv.field("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.field("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.field(null)).isEmpty();
    }
}
