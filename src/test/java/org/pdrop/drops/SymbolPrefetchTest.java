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
import org.pdrop.symbols.SymbolTable;
import org.pdrop.symbols.SymbolsException;

class SymbolPrefetchTest {
    private static final String TABLE = "ffffffff81000000 T _text\nffffffff81414c60 T tcp_v4_do_rcv\n";
    private static final String OTHER = "ffffffff81000000 T _text\n";
    private static final String ZEROS = "0000000000000000 T _text\n0000000000000000 T tcp_v4_do_rcv\n";

    @TempDir
    Path dir;

    private Path write(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content);
    }

    @Test
    void theOptionIsParsedAheadAndHandedOverWhenAskedFor() throws IOException {
        Path opt = write(dir.resolve("given"), TABLE);
        SymbolPrefetch p = SymbolPrefetch.start(Optional.of(opt), List.of(dir), null);
        SymbolTable t = p.load(dir.resolve("./given"));
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.resolve(0xffffffff81414c70L).orElseThrow().symbol().name()).isEqualTo("tcp_v4_do_rcv");
    }

    @Test
    void aFileBesideTheNamedFolderIsGuessedAndAnotherFileIsParsedWhenAskedFor() throws IOException {
        Path session = dir.resolve("session");
        write(session.resolve("kernel/metadata"), "/* CTF 1.8 */");
        write(session.resolve("kallsyms"), TABLE);
        Path other = write(dir.resolve("other"), OTHER);
        SymbolPrefetch fromSession = SymbolPrefetch.start(Optional.empty(), List.of(session), null);
        assertThat(fromSession.load(session.resolve("kallsyms")).size()).isEqualTo(2);
        assertThat(fromSession.load(other).size()).isEqualTo(1);
        // Naming the trace folder itself: the file in the folder above is the likely one.
        SymbolPrefetch fromTrace = SymbolPrefetch.start(Optional.empty(), List.of(session.resolve("kernel")), null);
        assertThat(fromTrace.load(session.resolve("kallsyms")).size()).isEqualTo(2);
    }

    @Test
    void withNothingNearTheTraceTheHostsFileIsTheGuess() throws IOException {
        Path session = dir.resolve("session");
        write(session.resolve("kernel/metadata"), "/* CTF 1.8 */");
        Path host = write(dir.resolve("proc-kallsyms"), TABLE);
        SymbolPrefetch p = SymbolPrefetch.start(Optional.empty(), List.of(session), host);
        assertThat(p.guessed()).isEqualTo(host);
        assertThat(p.load(host).size()).isEqualTo(2);
        // A file near the trace comes first; an unreadable host file is no guess.
        write(session.resolve("kallsyms"), OTHER);
        assertThat(SymbolPrefetch.start(Optional.empty(), List.of(session), host).guessed())
                .isEqualTo(session.resolve("kallsyms"));
        assertThat(SymbolPrefetch.start(Optional.empty(), List.of(dir.resolve("none")), dir.resolve("missing"))
                .guessed()).isNull();
    }

    @Test
    void anUnusableGuessFailsOnlyWhenAskedFor() throws IOException {
        Path bad = write(dir.resolve("zeros"), ZEROS);
        Path good = write(dir.resolve("good"), TABLE);
        SymbolPrefetch p = SymbolPrefetch.start(Optional.of(bad), List.of(dir), null);
        assertThat(p.load(good).size()).isEqualTo(2);
        assertThatThrownBy(() -> p.load(bad)).isInstanceOf(SymbolsException.class);
    }

    @Test
    void anEarlyPrefetchIsTakenOverOnceByARunThatGuessesTheSameFile() throws IOException {
        Path a = write(dir.resolve("a"), TABLE);
        Path b = write(dir.resolve("b"), OTHER);
        try {
            SymbolPrefetch.startEarly(Optional.of(a), List.of(dir), null);
            SymbolPrefetch.startEarly(Optional.of(b), List.of(dir), null); // once per process: ignored
            SymbolPrefetch same = SymbolPrefetch.start(Optional.of(dir.resolve("./a")), List.of(dir), null);
            assertThat(same.startedEarly).as("the same file: the early prefetch").isTrue();
            assertThat(same.load(a).size()).isEqualTo(2);
            assertThat(SymbolPrefetch.start(Optional.of(a), List.of(dir), null).startedEarly).as("given out once").isFalse();

            SymbolPrefetch.resetEarly();
            SymbolPrefetch.startEarly(Optional.of(a), List.of(dir), null);
            SymbolPrefetch other = SymbolPrefetch.start(Optional.of(b), List.of(dir), null);
            assertThat(other.startedEarly).as("another file: a prefetch of its own").isFalse();
            assertThat(other.load(b).size()).isEqualTo(1);
            assertThat(SymbolPrefetch.start(Optional.of(a), List.of(dir), null).startedEarly)
                    .as("a wrong guess is dropped when the run starts its own").isFalse();
        } finally {
            SymbolPrefetch.resetEarly();
        }
    }
}
