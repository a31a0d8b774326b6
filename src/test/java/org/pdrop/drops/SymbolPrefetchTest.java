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
        SymbolPrefetch p = SymbolPrefetch.start(Optional.of(opt), List.of(dir));
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
        SymbolPrefetch fromSession = SymbolPrefetch.start(Optional.empty(), List.of(session));
        assertThat(fromSession.load(session.resolve("kallsyms")).size()).isEqualTo(2);
        assertThat(fromSession.load(other).size()).isEqualTo(1);
        // Naming the trace folder itself: the file in the folder above is the likely one.
        SymbolPrefetch fromTrace = SymbolPrefetch.start(Optional.empty(), List.of(session.resolve("kernel")));
        assertThat(fromTrace.load(session.resolve("kallsyms")).size()).isEqualTo(2);
    }

    @Test
    void anUnusableGuessFailsOnlyWhenAskedFor() throws IOException {
        Path bad = write(dir.resolve("zeros"), ZEROS);
        Path good = write(dir.resolve("good"), TABLE);
        SymbolPrefetch p = SymbolPrefetch.start(Optional.of(bad), List.of(dir));
        assertThat(p.load(good).size()).isEqualTo(2);
        assertThatThrownBy(() -> p.load(bad)).isInstanceOf(SymbolsException.class);
    }

    @Test
    void anEarlyPrefetchIsTakenOverOnceByARunThatGuessesTheSameFile() throws IOException {
        Path a = write(dir.resolve("a"), TABLE);
        Path b = write(dir.resolve("b"), OTHER);
        try {
            SymbolPrefetch.startEarly(Optional.of(a), List.of(dir));
            SymbolPrefetch.startEarly(Optional.of(b), List.of(dir)); // once per process: ignored
            SymbolPrefetch same = SymbolPrefetch.start(Optional.of(dir.resolve("./a")), List.of(dir));
            assertThat(same.startedEarly).as("the same file: the early prefetch").isTrue();
            assertThat(same.load(a).size()).isEqualTo(2);
            assertThat(SymbolPrefetch.start(Optional.of(a), List.of(dir)).startedEarly).as("given out once").isFalse();

            SymbolPrefetch.resetEarly();
            SymbolPrefetch.startEarly(Optional.of(a), List.of(dir));
            SymbolPrefetch other = SymbolPrefetch.start(Optional.of(b), List.of(dir));
            assertThat(other.startedEarly).as("another file: a prefetch of its own").isFalse();
            assertThat(other.load(b).size()).isEqualTo(1);
            assertThat(SymbolPrefetch.start(Optional.of(a), List.of(dir)).startedEarly)
                    .as("a wrong guess is dropped when the run starts its own").isFalse();
        } finally {
            SymbolPrefetch.resetEarly();
        }
    }
}
