package org.pdrop.drops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pdrop.symbols.SymbolTable;
import org.pdrop.symbols.SymbolsException;

/**
 * Chooses the symbol table of a trace, in this order: the {@code --kallsyms} file; a
 * {@code kallsyms} file in the trace folder or a folder above it up to the path the user gave
 * (always including the trace's session folder); this host's {@code /proc/kallsyms}, with a
 * warning when the trace's {@code env} names another host or kernel (KASLR moves addresses at
 * every boot, so another boot's symbols are silently wrong).
 */
final class SymbolLocator {
    /** File names looked for next to a trace. */
    static final List<String> FILE_NAMES = List.of("kallsyms", "kallsyms.txt");

    /** A chosen table (null for none), where it came from, and warnings to print. */
    record Choice(SymbolTable table, SymbolSource source, List<String> warnings) {}

    private final HostInfo host;
    private final Optional<Path> option;
    private final SymbolPrefetch prefetch;

    SymbolLocator(Optional<Path> option, HostInfo host) {
        this(option, host, SymbolPrefetch.none());
    }

    /** @param prefetch files already being parsed in the background */
    SymbolLocator(Optional<Path> option, HostInfo host, SymbolPrefetch prefetch) {
        this.option = Objects.requireNonNull(option);
        this.host = Objects.requireNonNull(host);
        this.prefetch = Objects.requireNonNull(prefetch);
    }

    /**
     * @param folders  the trace's folders
     * @param root     the path the user gave that contains them
     * @param hostname the trace's env hostname, or null
     * @param release  the trace's env kernel_release, or null
     * @throws SymbolsException when a chosen file cannot be used (all-zero addresses, unreadable)
     */
    Choice choose(List<Path> folders, Path root, String hostname, String release) {
        if (option.isPresent()) {
            SymbolTable t = prefetch.load(option.get());
            return new Choice(t, new SymbolSource(SymbolSource.Origin.OPTION, option.get().toString(), t.size()),
                    List.of());
        }
        Optional<Path> near = findNear(folders, root, FILE_NAMES);
        if (near.isPresent()) {
            SymbolTable t = prefetch.load(near.get());
            return new Choice(t, new SymbolSource(SymbolSource.Origin.TRACE_FOLDER, near.get().toString(), t.size()),
                    List.of());
        }
        List<String> warnings = new ArrayList<>();
        if (!Files.isReadable(host.kallsyms())) {
            warnings.add("no symbols: no --kallsyms given, no kallsyms file next to the trace and "
                    + host.kallsyms() + " is not readable; locations are printed as addresses only");
            return new Choice(null, SymbolSource.NONE, warnings);
        }
        SymbolTable t;
        try {
            t = prefetch.load(host.kallsyms());
        } catch (SymbolsException e) {
            throw new SymbolsException("Cannot use this host's symbols: file=\"" + host.kallsyms()
                    + "\", reason=\"" + e.getMessage() + "\"; run pdrop as root, or pass --kallsyms FILE with a copy of "
                    + "/proc/kallsyms saved as root on the traced host during the traced boot", e);
        }
        boolean otherHost = hostname != null && host.hostname() != null && !hostname.equals(host.hostname());
        boolean otherKernel = release != null && host.osRelease() != null && !release.equals(host.osRelease());
        if (otherHost || otherKernel) {
            warnings.add("symbols are probably wrong: no --kallsyms given and no kallsyms file next to the trace, "
                    + "so pdrop uses this host's " + host.kallsyms() + ", but the trace was recorded on host \""
                    + hostname + "\" (kernel " + release + ") and this is host \"" + host.hostname() + "\" (kernel "
                    + host.osRelease() + "); kernel addresses change with every boot (KASLR). Save /proc/kallsyms "
                    + "as root on the traced host during the traced boot and pass --kallsyms FILE");
        }
        return new Choice(t, new SymbolSource(SymbolSource.Origin.HOST, host.kallsyms().toString(), t.size()),
                warnings);
    }

    /**
     * The first file with one of these names in a trace folder or above it, nearest first, up to
     * {@code root} and at least the folder's parent (the session folder).
     */
    /** A path as short as the user would write it: relative when it lies below the working directory. */
    private static Path relativeToWorkingDir(Path absolute) {
        Path cwd = Path.of("").toAbsolutePath();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute) : absolute;
    }

    static Optional<Path> findNear(List<Path> folders, Path root, List<String> names) {
        Path stop = root == null ? null : root.toAbsolutePath().normalize();
        for (Path folder : folders) {
            Path f = folder.toAbsolutePath().normalize();
            int level = 0;
            while (f != null) {
                for (String n : names) {
                    Path candidate = f.resolve(n);
                    if (Files.isRegularFile(candidate) && Files.isReadable(candidate)) {
                        return Optional.of(relativeToWorkingDir(candidate));
                    }
                }
                if (level >= 1 && (stop == null || !f.startsWith(stop) || f.equals(stop))) {
                    break;
                }
                f = f.getParent();
                level++;
            }
        }
        return Optional.empty();
    }
}
