package org.pdrop.drops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pdrop.symbols.SymbolsException;

class SymbolLocatorTest {
    private static final String TABLE = "ffffffff81000000 T _text\nffffffff81414c60 T tcp_v4_do_rcv\n";
    private static final String ZEROS = "0000000000000000 T _text\n0000000000000000 T tcp_v4_do_rcv\n";

    @TempDir
    Path dir;

    private Path write(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content);
    }

    private HostInfo host(String content) throws IOException {
        return new HostInfo("vm", "6.18.0", write(dir.resolve("proc/kallsyms"), content));
    }

    @Test
    void optionComesFirst() throws IOException {
        Path opt = write(dir.resolve("given"), TABLE);
        Path trace = dir.resolve("session/kernel");
        write(trace.resolve("kallsyms"), TABLE);
        SymbolLocator.Choice c = new SymbolLocator(Optional.of(opt), host(TABLE))
                .choose(List.of(trace), dir.resolve("session"), "lab", "6.1.0");
        assertThat(c.source().origin()).isEqualTo(SymbolSource.Origin.OPTION);
        assertThat(c.source().path()).isEqualTo(opt.toString());
        assertThat(c.source().count()).isEqualTo(2);
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void thenAKallsymsFileInTheTraceFolderOrItsSessionFolder() throws IOException {
        Path trace = dir.resolve("session/kernel");
        Files.createDirectories(trace);
        Path inSession = write(dir.resolve("session/kallsyms"), TABLE);
        SymbolLocator.Choice c = new SymbolLocator(Optional.empty(), host(TABLE))
                .choose(List.of(trace), trace, "lab", "6.1.0");
        assertThat(c.source().origin()).isEqualTo(SymbolSource.Origin.TRACE_FOLDER);
        assertThat(c.source().path()).isEqualTo(inSession.toString());
        Path inTrace = write(trace.resolve("kallsyms"), TABLE);
        c = new SymbolLocator(Optional.empty(), host(TABLE)).choose(List.of(trace), trace, "lab", "6.1.0");
        assertThat(c.source().path()).as("nearest first").isEqualTo(inTrace.toString());
    }

    @Test
    void searchStopsAtTheGivenPath() throws IOException {
        Path trace = dir.resolve("a/session/kernel");
        Files.createDirectories(trace);
        write(dir.resolve("a/kallsyms"), TABLE);
        assertThat(SymbolLocator.findNear(List.of(trace), dir.resolve("a/session"), SymbolLocator.FILE_NAMES))
                .isEmpty();
        assertThat(SymbolLocator.findNear(List.of(trace), dir.resolve("a"), SymbolLocator.FILE_NAMES))
                .contains(dir.resolve("a/kallsyms"));
    }

    @Test
    void thenThisHostWithAWarningWhenTheTraceComesFromAnother() throws IOException {
        Path trace = dir.resolve("session/kernel");
        Files.createDirectories(trace);
        SymbolLocator.Choice c = new SymbolLocator(Optional.empty(), host(TABLE))
                .choose(List.of(trace), trace, "kernel-lab", "6.1.0-56-amd64");
        assertThat(c.source().origin()).isEqualTo(SymbolSource.Origin.HOST);
        assertThat(c.table()).isNotNull();
        assertThat(c.warnings()).singleElement().asString()
                .contains("probably wrong", "\"kernel-lab\"", "6.1.0-56-amd64", "\"vm\"", "--kallsyms");
        SymbolLocator.Choice same = new SymbolLocator(Optional.empty(), host(TABLE))
                .choose(List.of(trace), trace, "vm", "6.18.0");
        assertThat(same.warnings()).isEmpty();
    }

    @Test
    void allZeroHostKallsymsIsAnErrorThatSaysWhatToDo() throws IOException {
        Path trace = dir.resolve("session/kernel");
        Files.createDirectories(trace);
        HostInfo h = host(ZEROS);
        assertThatThrownBy(() -> new SymbolLocator(Optional.empty(), h).choose(List.of(trace), trace, "vm", "6.18.0"))
                .isInstanceOf(SymbolsException.class)
                .hasMessageContaining("all addresses are zero")
                .hasMessageContaining("root")
                .hasMessageContaining("--kallsyms");
    }

    @Test
    void allZeroGivenFileIsAnError() throws IOException {
        Path opt = write(dir.resolve("given"), ZEROS);
        assertThatThrownBy(() -> new SymbolLocator(Optional.of(opt), host(TABLE)).choose(List.of(dir), dir, null, null))
                .isInstanceOf(SymbolsException.class).hasMessageContaining("all addresses are zero");
    }

    @Test
    void noSymbolsAtAllIsAWarning() throws IOException {
        HostInfo h = new HostInfo("vm", "6.18.0", dir.resolve("missing"));
        SymbolLocator.Choice c = new SymbolLocator(Optional.empty(), h).choose(List.of(dir), dir, null, null);
        assertThat(c.table()).isNull();
        assertThat(c.source()).isEqualTo(SymbolSource.NONE);
        assertThat(c.warnings()).singleElement().asString().contains("no symbols");
    }
}
