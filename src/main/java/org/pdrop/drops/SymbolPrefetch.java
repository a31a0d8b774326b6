package org.pdrop.drops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.pdrop.symbols.KallsymsParser;
import org.pdrop.symbols.SymbolTable;

/**
 * Parses the kallsyms file a run will most likely use on a thread of its own, while the trace's
 * metadata is read: both take a good part of a second on a large kernel trace, and neither needs
 * the other. The guess is the {@code --kallsyms} file, else a kallsyms file in the folder the
 * user named (or beside it, when that folder is a trace folder), else this host's
 * {@code /proc/kallsyms}, the last resort (about 0.1 s of a run on this host's kernel when it
 * is read after the metadata). When {@link SymbolLocator}
 * chooses another file, that one is parsed when asked for and the guess is wasted work, nothing
 * more; errors of the guessed file are raised only if it is asked for.
 */
final class SymbolPrefetch {
    private final Path guess;
    private final FutureTask<SymbolTable> task;

    private SymbolPrefetch(Path guess) {
        this.guess = guess;
        this.task = guess == null ? null : new FutureTask<>(() -> KallsymsParser.lenient().parse(guess));
        if (task != null) {
            Thread t = new Thread(task, "pdrop-kallsyms");
            t.setDaemon(true);
            t.start();
        }
    }

    /** A prefetch started before the command line was parsed ({@link #startEarly}), not yet taken. */
    private static SymbolPrefetch early;

    /**
     * Starts parsing the likely file, if there is one; takes over the prefetch {@link #startEarly}
     * made when it guessed the same file.
     */
    static SymbolPrefetch start(Optional<Path> option, List<Path> roots, Path hostKallsyms) {
        Path guess = option.orElseGet(() -> likely(roots, hostKallsyms));
        synchronized (SymbolPrefetch.class) {
            SymbolPrefetch e = early;
            early = null; // taken, or a wrong guess whose table need not be kept
            if (e != null && guess != null && e.guess != null && same(e.guess, guess)) {
                return e;
            }
        }
        return new SymbolPrefetch(guess);
    }

    /**
     * Starts the prefetch of a run whose options are not parsed yet (the CLI's start-up then
     * overlaps the parsing); the run's {@link #start} takes it over if it guesses the same file.
     * Once per process.
     */
    static synchronized void startEarly(Optional<Path> option, List<Path> roots, Path hostKallsyms) {
        if (early == null && !earlyDone) {
            early = new SymbolPrefetch(option.orElseGet(() -> likely(roots, hostKallsyms)));
            early.startedEarly = true;
            earlyDone = true;
        }
    }

    private static boolean earlyDone;

    /** The file being parsed ahead, or null (tests). */
    Path guessed() {
        return guess;
    }

    /** Whether this prefetch was started by {@link #startEarly} (tests). */
    boolean startedEarly;

    /** For tests: forgets the early prefetch, as in a new process. */
    static synchronized void resetEarly() {
        early = null;
        earlyDone = false;
    }

    /** A prefetch that guesses nothing (tests). */
    static SymbolPrefetch none() {
        return new SymbolPrefetch(null);
    }

    /** The likely file: one near the roots, else {@code hostKallsyms} when it is readable, else null. */
    private static Path likely(List<Path> roots, Path hostKallsyms) {
        for (Path root : roots) {
            List<Path> places = new ArrayList<>();
            places.add(root);
            if (Files.isRegularFile(root.resolve("metadata")) && root.toAbsolutePath().getParent() != null) {
                places.add(root.toAbsolutePath().getParent());
            }
            for (Path place : places) {
                for (String name : SymbolLocator.FILE_NAMES) {
                    Path candidate = place.resolve(name);
                    if (Files.isRegularFile(candidate) && Files.isReadable(candidate)) {
                        return candidate;
                    }
                }
            }
        }
        return hostKallsyms != null && Files.isReadable(hostKallsyms) ? hostKallsyms : null;
    }

    /** The table of {@code file}: the prefetched one when it is the same file, else parsed now. */
    SymbolTable load(Path file) {
        if (task != null && same(file, guess)) {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading " + file, e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return KallsymsParser.lenient().parse(file);
    }

    private static boolean same(Path a, Path b) {
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
