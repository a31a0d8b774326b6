package org.pdrop.ctf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** Finds and opens every trace below {@code roots}; fails when none is found. */
    public static CtfTrace open(List<Path> roots, Diagnostics diag, PacketIndexProvider index) {
        List<Located> found = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                throw new CtfException("Cannot read trace: path=\"" + root + "\", reason=\"no such file or directory\"",
                        new NoSuchFileException(root.toString()));
            }
            if (!Files.isReadable(root)) {
                throw new CtfException("Cannot read trace: path=\"" + root + "\", reason=\"permission denied\"");
            }
            List<Path> dirs = findTraceFolders(root);
            if (dirs.isEmpty()) {
                throw new CtfException("Cannot find a CTF trace: path=\"" + root
                        + "\", reason=\"no folder below it holds a 'metadata' file\"");
            }
            for (Path d : dirs) {
                found.add(new Located(root, d));
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
        Trace t = assemble("memory", List.of(), tc, files, diag, PacketIndexProvider.NONE, 0);
        return new CtfTrace(List.of(t), files);
    }

    private record Located(Path root, Path folder) {}

    private static List<Path> findTraceFolders(Path root) {
        if (Files.isRegularFile(root)) {
            Path parent = root.toAbsolutePath().getParent();
            if (root.getFileName().toString().equals("metadata")) {
                return List.of(root.getParent() == null ? Path.of(".") : root.getParent());
            }
            return parent != null && Files.isRegularFile(parent.resolve("metadata"))
                    ? List.of(root.getParent() == null ? Path.of(".") : root.getParent()) : List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName() != null && p.getFileName().toString().equals("metadata"))
                    .filter(Files::isRegularFile)
                    .map(Path::getParent)
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new CtfException("Cannot list trace folder: path=\"" + root + "\", reason=\"" + e.getMessage() + "\"", e);
        } catch (UncheckedIOException e) {
            throw new CtfException("Cannot list trace folder: path=\"" + root + "\", reason=\""
                    + e.getCause().getMessage() + "\"", e);
        }
    }

    private static List<Trace> build(List<Located> found, Diagnostics diag, PacketIndexProvider index,
                                     List<StreamFile> files) {
        // Group folders whose metadata has the same UUID: they are parts of one trace.
        Map<Object, List<Located>> groups = new LinkedHashMap<>();
        Map<Object, TraceClass> classes = new LinkedHashMap<>();
        for (Located l : found) {
            TraceClass tc = MetadataReader.read(l.folder().resolve("metadata"), diag);
            Object key = tc.uuid() != null ? tc.uuid() : l.folder();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(l);
            classes.putIfAbsent(key, tc);
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
            String name = g.getValue().get(0).folder().toString();
            traces.add(assemble(name, folders, tc, mine, diag, index, ordinal++));
        }
        return traces;
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
                        return !n.equals("metadata") && !n.startsWith(".");
                    })
                    .filter(p -> {
                        try {
                            return Files.size(p) > 0;
                        } catch (IOException e) {
                            return true;
                        }
                    })
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new CtfException("Cannot list trace folder: path=\"" + folder + "\", reason=\"" + e.getMessage() + "\"", e);
        }
    }

    private static Trace assemble(String name, List<Path> folders, TraceClass tc, List<StreamFile> files,
                                  Diagnostics diag, PacketIndexProvider index, int ordinal) {
        TraceDecoder decoder = DecoderCompiler.compile(tc);
        ClockMath clock = clockOf(tc);
        DataStream.TraceHandle handle = new DataStream.TraceHandle(name, name, decoder, clock, ordinal);
        PacketScanner scanner = new PacketScanner(decoder);
        // Group packets by stream class and instance; a file without instance ids is its own stream.
        Map<String, List<PacketInfo>> groups = new LinkedHashMap<>();
        Map<String, StreamFile> firstFile = new LinkedHashMap<>();
        for (StreamFile f : files) {
            Optional<List<PacketInfo>> fromIndex = index.packets(f, scanner);
            List<PacketInfo> packets = fromIndex.isPresent() ? fromIndex.get() : scanner.scan(f);
            for (PacketInfo p : packets) {
                String key = p.streamInstanceId() >= 0
                        ? p.streamClassId() + "/" + p.streamInstanceId()
                        : "file:" + f.displayName();
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
                firstFile.putIfAbsent(key, f);
            }
        }
        List<String> keys = new ArrayList<>(groups.keySet());
        keys.sort(Comparator.comparing(k -> firstFile.get(k).displayName()));
        List<DataStream> streams = new ArrayList<>();
        for (String key : keys) {
            List<PacketInfo> packets = dedupe(groups.get(key));
            PacketInfo first = packets.get(0);
            streams.add(new DataStream(handle, firstFile.get(key).displayName(), first.streamClassId(),
                    first.streamInstanceId(), packets, streams.size()));
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
        sorted.sort(Comparator.comparing((PacketInfo p) -> p.beginCycles(), Long::compareUnsigned));
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
