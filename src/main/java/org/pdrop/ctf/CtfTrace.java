package org.pdrop.ctf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.pdrop.ctf.decode.ClockMath;
import org.pdrop.ctf.decode.DecoderCompiler;
import org.pdrop.ctf.decode.TraceDecoder;
import org.pdrop.ctf.ir.ClockClass;
import org.pdrop.ctf.ir.StreamClass;
import org.pdrop.ctf.ir.TraceClass;
import org.pdrop.ctf.metadata.MetadataReader;
import org.pdrop.ctf.stream.DataStream;
import org.pdrop.ctf.stream.EventMerger;
import org.pdrop.ctf.stream.PacketIndexProvider;
import org.pdrop.ctf.stream.PacketInfo;
import org.pdrop.ctf.stream.PacketScanner;
import org.pdrop.ctf.stream.StreamCursor;
import org.pdrop.ctf.stream.StreamFile;

/**
 * The reader's front door: every CTF trace found below the given paths (a folder holding a
 * {@code metadata} file is a trace; CTF 1.8 §"Trace file layout"), read together and merged by
 * time. Traces with the same UUID (LTTng snapshots and rotation chunks of one session) become one
 * trace whose streams keep each packet once.
 *
 * <p>Opening reads the metadata and locates packets (from index files when a
 * {@link PacketIndexProvider} supplies them, else by scanning packet headers); events are decoded
 * only while iterating. Owns the open files: the caller closes.
 */
public final class CtfTrace implements AutoCloseable {
    private static final String METADATA = "metadata";
    /**
     * Paths by their text. The comparators on the way of every run are plain lambdas: those that
     * {@code Comparator.comparing} makes are serializable ones, which the class-data archive does
     * not hold, and each costs a few milliseconds of start-up to make.
     */
    private static final Comparator<Path> BY_TEXT = (a, b) -> a.toString().compareTo(b.toString());

    /** One trace (or several of the same UUID merged). */
    public record Trace(String name, List<Path> folders, TraceClass traceClass, TraceDecoder decoder,
                        ClockMath clock, List<DataStream> streams) {}

    private final List<Trace> traces;
    private final List<StreamFile> files;

    private CtfTrace(List<Trace> traces, List<StreamFile> files) {
        this.traces = List.copyOf(traces);
        this.files = List.copyOf(files);
    }

    public List<Trace> traces() {
        return traces;
    }

    /** All data streams of all traces, in a deterministic order. */
    public List<DataStream> streams() {
        List<DataStream> all = new ArrayList<>();
        for (Trace t : traces) {
            all.addAll(t.streams());
        }
        return all;
    }

    /** Total bytes of all stream files (for progress reporting). */
    public long totalBytes() {
        long n = 0;
        for (StreamFile f : files) {
            n += f.size();
        }
        return n;
    }

    /** A fresh time-ordered iteration over every event and notice. */
    public EventMerger merger(boolean readPacketContext) {
        List<StreamCursor> cursors = new ArrayList<>();
        for (DataStream s : streams()) {
            cursors.add(new StreamCursor(s, readPacketContext));
        }
        return new EventMerger(cursors);
    }

    @Override
    public void close() {
        for (StreamFile f : files) {
            try {
                f.close();
            } catch (IOException e) {
                // Read-only files: nothing was written that could be lost.
            }
        }
    }

    // --- opening ------------------------------------------------------------------------------

    /**
     * Finds and opens every trace below {@code roots}; fails when none is found.
     *
     * <p>Discovery: a folder holding a regular file named {@code metadata} is a trace folder; the
     * walk does not descend into it (so LTTng's {@code index/} folder is never taken for a trace)
     * nor into hidden folders below a root, follows symbolic links, and reports folders it cannot
     * list to {@code diag} and goes on. A root that is a file stands for its folder. A folder
     * reached from two roots is read once. Folders whose metadata has the same UUID (LTTng
     * snapshots, rotation chunks, the per-PID folders of one process across chunks) are one
     * trace, read with the metadata that declares the most stream and event classes (later
     * chunks extend earlier ones), as Babeltrace does.
     *
     * <p>Naming (Babeltrace 2's): a trace is named {@code HOSTNAME/PATH}, where HOSTNAME is the
     * metadata's {@code env.hostname} string and PATH is the trace folder relative to the root
     * it was found under; either part and the slash are left out when empty. So the root
     * {@code lab/discarded} holding {@code kernel/} gives {@code kernel-lab/kernel}, and a root
     * that is itself the trace folder gives {@code kernel-lab}. A trace made of several folders
     * (one UUID) has no single relative path and is named by its hostname alone, as the
     * Babeltrace CLI names a source component given several inputs.
     */
    public static CtfTrace open(List<Path> roots, Diagnostics diag, PacketIndexProvider index) {
        List<Located> found = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                throw new CtfException("Cannot read trace: path=\"" + root + "\", reason=\"no such file or directory\"",
                        new NoSuchFileException(root.toString()));
            }
            if (!Files.isReadable(root)) {
                throw new CtfException("Cannot read trace: path=\"" + root + "\", reason=\"permission denied\"");
            }
            List<Path> dirs = findTraceFolders(root, diag);
            if (dirs.isEmpty()) {
                throw new CtfException("Cannot find a CTF trace: path=\"" + root
                        + "\", reason=\"no folder below it holds a 'metadata' file\"");
            }
            Path base = Files.isDirectory(root) ? root : parentOf(root);
            for (Path d : dirs) {
                if (seen.add(identity(d))) {
                    found.add(new Located(d, relativeName(base, d)));
                }
            }
        }
        List<StreamFile> files = new ArrayList<>();
        try {
            return new CtfTrace(build(found, diag, index, files), files);
        } catch (RuntimeException e) {
            for (StreamFile f : files) {
                try {
                    f.close();
                } catch (IOException ignored) {
                    // Already failing; the original error matters.
                }
            }
            throw e;
        }
    }

    /** Builds a trace from metadata text and in-memory stream files (tests, generators). */
    public static CtfTrace fromMemory(String metadata, Map<String, ByteBuffer> streams, Diagnostics diag) {
        TraceClass tc = org.pdrop.ctf.metadata.MetadataReader.parse(metadata, "metadata", diag);
        List<StreamFile> files = new ArrayList<>();
        streams.keySet().stream().sorted().forEach(name -> files.add(new StreamFile(name, streams.get(name))));
        Trace t = assemble("memory", "memory", List.of(), tc, null, files, diag, PacketIndexProvider.NONE, 0);
        return new CtfTrace(List.of(t), files);
    }

    /** A trace folder and its path relative to the root it was found under ("" for the root). */
    private record Located(Path folder, String relative) {}

    private static Path parentOf(Path file) {
        Path p = file.getParent();
        return p == null ? Path.of(".") : p;
    }

    /** The same folder reached by two paths (symbolic links, ".."), for reading it once. */
    private static Path identity(Path folder) {
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            return folder.toAbsolutePath().normalize();
        }
    }

    /** {@code folder} relative to {@code base}, with '/' separators; "" when they are the same. */
    static String relativeName(Path base, Path folder) {
        Path b = base.toAbsolutePath().normalize();
        Path f = folder.toAbsolutePath().normalize();
        if (!f.startsWith(b)) {
            return f.toString().replace(f.getFileSystem().getSeparator(), "/");
        }
        List<String> parts = new ArrayList<>();
        for (Path part : b.relativize(f)) {
            if (!part.toString().isEmpty()) {
                parts.add(part.toString());
            }
        }
        return String.join("/", parts);
    }

    /** Babeltrace's {@code [HOSTNAME/]PATH}: either part may be empty (null hostname = none). */
    static String traceName(String hostname, String relative) {
        String h = hostname == null ? "" : hostname;
        if (h.isEmpty() || relative.isEmpty()) {
            return h + relative;
        }
        return h + "/" + relative;
    }

    /** Trace folders below {@code root} (see {@link #open}), in path order. */
    static List<Path> findTraceFolders(Path root, Diagnostics diag) {
        if (Files.isRegularFile(root)) {
            Path folder = parentOf(root);
            if (root.getFileName().toString().equals(METADATA)) {
                return List.of(folder);
            }
            return Files.isRegularFile(folder.resolve(METADATA)) ? List.of(folder) : List.of();
        }
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            if (!dir.equals(root) && dir.getFileName().toString().startsWith(".")) {
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            if (Files.isRegularFile(dir.resolve(METADATA))) {
                                found.add(dir);
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                            if (file.equals(root)) {
                                throw e;
                            }
                            diag.warn("Cannot list folder: path=\"" + file + "\", reason=\"" + reason(e)
                                    + "\"; skipping it");
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new CtfException("Cannot list trace folder: path=\"" + root + "\", reason=\"" + reason(e) + "\"", e);
        }
        found.sort(BY_TEXT);
        return found;
    }

    private static String reason(IOException e) {
        String what = e instanceof FileSystemLoopException ? "symbolic link loop"
                : e instanceof AccessDeniedException ? "permission denied"
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return what.replace('"', '\'');
    }

    private static List<Trace> build(List<Located> found, Diagnostics diag, PacketIndexProvider index,
                                     List<StreamFile> files) {
        // Group folders whose metadata has the same UUID: they are parts of one trace.
        Map<Object, List<Located>> groups = new LinkedHashMap<>();
        Map<Object, TraceClass> classes = new LinkedHashMap<>();
        // Decoders compiled ahead by a MetadataPrefetch, by trace class (identity).
        Map<TraceClass, TraceDecoder> compiled = new java.util.IdentityHashMap<>();
        for (Located l : found) {
            Path file = l.folder().resolve(METADATA);
            byte[] raw = MetadataReader.readBytes(file);
            Optional<MetadataPrefetch.Result> ahead = MetadataPrefetch.take(file.toString(), raw, diag);
            TraceClass tc = ahead.isPresent() ? ahead.get().traceClass() : MetadataReader.read(raw, file.toString(), diag);
            ahead.ifPresent(r -> compiled.put(r.traceClass(), r.decoder()));
            Object key = tc.uuid() != null ? tc.uuid() : l.folder();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(l);
            classes.merge(key, tc, (kept, other) -> classCount(other) > classCount(kept) ? other : kept);
        }
        List<Trace> traces = new ArrayList<>();
        int ordinal = 0;
        for (Map.Entry<Object, List<Located>> g : groups.entrySet()) {
            TraceClass tc = classes.get(g.getKey());
            List<StreamFile> mine = new ArrayList<>();
            List<Path> folders = new ArrayList<>();
            for (Located l : g.getValue()) {
                folders.add(l.folder());
                for (Path f : streamFiles(l.folder())) {
                    StreamFile sf = openStream(f);
                    files.add(sf);
                    mine.add(sf);
                }
            }
            Located first = g.getValue().get(0);
            String relative = g.getValue().size() == 1 ? first.relative() : "";
            String name = traceName(tc.env().get("hostname") instanceof String h ? h : null, relative);
            traces.add(assemble(name, first.folder().toString(), folders, tc, compiled.get(tc), mine, diag, index,
                    ordinal++));
        }
        return traces;
    }

    /** How much a metadata declares; of several chunks of one trace, the latest declares most. */
    static int classCount(TraceClass tc) {
        int n = tc.streams().size();
        for (StreamClass sc : tc.streams()) {
            n += sc.events().size();
        }
        return n;
    }

    private static StreamFile openStream(Path f) {
        try {
            return new StreamFile(f, f.toString());
        } catch (IOException e) {
            throw new CtfException("Cannot open stream file: file=\"" + f + "\", reason=\"" + e.getMessage() + "\"", e);
        }
    }

    /** Data stream files of a trace folder: regular, non-empty, not hidden, not the metadata. */
    static List<Path> streamFiles(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return !n.equals(METADATA) && !n.startsWith(".");
                    })
                    .filter(p -> {
                        try {
                            return Files.size(p) > 0;
                        } catch (IOException e) {
                            return true;
                        }
                    })
                    .sorted(BY_TEXT)
                    .toList();
        } catch (IOException e) {
            throw new CtfException("Cannot list trace folder: path=\"" + folder + "\", reason=\"" + e.getMessage() + "\"", e);
        }
    }

    private static Trace assemble(String name, String path, List<Path> folders, TraceClass tc, TraceDecoder compiled,
                                  List<StreamFile> files, Diagnostics diag, PacketIndexProvider index, int ordinal) {
        TraceDecoder decoder = compiled != null ? compiled : DecoderCompiler.compile(tc);
        ClockMath clock = clockOf(tc);
        DataStream.TraceHandle handle = new DataStream.TraceHandle(name, path, decoder, clock, ordinal);
        PacketScanner scanner = new PacketScanner(decoder, diag);
        // Group packets by stream class and instance; a file without instance ids is its own stream.
        Map<String, List<PacketInfo>> groups = new LinkedHashMap<>();
        for (StreamFile f : files) {
            Optional<List<PacketInfo>> fromIndex = index.packets(f, scanner);
            List<PacketInfo> packets = fromIndex.isPresent() ? fromIndex.get() : scanner.scan(f);
            for (PacketInfo p : packets) {
                String key = p.streamInstanceId() != -1
                        ? p.streamClassId() + "/" + p.streamInstanceId()
                        : "file:" + f.displayName();
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
            }
        }
        // A stream is named after the file holding its earliest packet, as Babeltrace does: with
        // tracefile rotation that is not always CHANNEL_CPU_0, whose slot the ring may have reused.
        record Named(String name, String key, List<PacketInfo> packets) {}
        List<Named> named = new ArrayList<>();
        for (Map.Entry<String, List<PacketInfo>> g : groups.entrySet()) {
            List<PacketInfo> packets = dedupe(g.getValue());
            named.add(new Named(packets.get(0).file().displayName(), g.getKey(), packets));
        }
        named.sort((a, b) -> {
            int c = a.name().compareTo(b.name());
            return c != 0 ? c : a.key().compareTo(b.key());
        });
        List<DataStream> streams = new ArrayList<>();
        for (Named n : named) {
            PacketInfo first = n.packets().get(0);
            streams.add(new DataStream(handle, n.name(), first.streamClassId(), first.streamInstanceId(), n.packets(),
                    streams.size()));
        }
        return new Trace(name, folders, tc, decoder, clock, streams);
    }

    /** Sorts a stream's packets by begin time and keeps one of packets that two files both hold. */
    private static List<PacketInfo> dedupe(List<PacketInfo> packets) {
        boolean multiFile = packets.stream().map(PacketInfo::file).distinct().count() > 1;
        if (!multiFile) {
            return packets;
        }
        List<PacketInfo> sorted = new ArrayList<>(packets);
        sorted.sort((a, b) -> Long.compareUnsigned(a.beginCycles(), b.beginCycles()));
        List<PacketInfo> out = new ArrayList<>();
        for (PacketInfo p : sorted) {
            PacketInfo last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.file() != p.file() && last.hasTimes() && p.hasTimes()
                    && last.beginCycles() == p.beginCycles()) {
                continue;
            }
            out.add(p);
        }
        return out;
    }

    private static ClockMath clockOf(TraceClass tc) {
        for (StreamClass sc : tc.streams()) {
            if (sc.clock() != null) {
                return new ClockMath(sc.clock());
            }
        }
        if (!tc.clocks().isEmpty()) {
            ClockClass c = tc.clocks().get(0);
            return new ClockMath(c);
        }
        return ClockMath.defaultClock();
    }

    static String uuidText(UUID u) {
        return u == null ? "" : u.toString();
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
