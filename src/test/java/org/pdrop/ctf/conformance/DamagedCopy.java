package org.pdrop.ctf.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/** Copies of a trace folder with random bytes of one stream file overwritten, for robustness tests. */
public final class DamagedCopy {
    private DamagedCopy() {
    }

    /**
     * Copies the regular files of {@code source} into {@code dir} and overwrites {@code corruptions}
     * random bytes of one stream file chosen by {@code seed}, past its first 4 KiB (or quarter) so
     * that the trace still opens and fails, if at all, somewhere inside.
     */
    public static void make(Path source, Path dir, long seed, int corruptions) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Path> files;
        try (Stream<Path> list = Files.list(source)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        List<Path> streams = files.stream().filter(f -> !f.getFileName().toString().equals("metadata")).toList();
        Path victim = streams.get(rnd.nextInt(streams.size()));
        for (Path f : files) {
            byte[] data = Files.readAllBytes(f);
            if (f.equals(victim)) {
                int from = Math.min(4096, data.length / 4);
                for (int i = 0; i < corruptions; i++) {
                    data[from + rnd.nextInt(data.length - from)] = (byte) rnd.nextInt(256);
                }
            }
            Files.write(dir.resolve(f.getFileName()), data);
        }
    }
}
