package org.pdrop.ctf.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One data stream file, memory-mapped through a sliding window so that files of any size are
 * read with bounded address space and no copying. A packet is handed out as a slice of the
 * window that holds it; the window moves when a packet starts beyond it.
 *
 * <p>Owns its channel: the caller closes.
 */
public final class StreamFile implements AutoCloseable {
    /** Window size: large enough that remapping is rare, small enough for 32-bit-sized buffers. */
    static final long WINDOW_BYTES = 256L << 20;

    private final Path path;
    private final String displayName;
    private FileChannel channel;
    private final long size;
    private ByteBuffer window;
    private long windowStart;
    private long windowEnd;

    public StreamFile(Path path, String displayName) throws IOException {
        this.path = path;
        this.displayName = displayName;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.size = channel.size();
    }

    /** A stream held in memory (tests, generated traces): {@code data} position 0 is the file start. */
    public StreamFile(String displayName, ByteBuffer data) {
        this.path = null;
        this.displayName = displayName;
        this.channel = null;
        this.size = data.remaining();
        this.window = data.slice();
        this.windowStart = 0;
        this.windowEnd = size;
    }

    /** The file, or null for an in-memory stream. */
    public Path path() {
        return path;
    }

    /** The name used in messages (path as the user gave it, relative where possible). */
    public String displayName() {
        return displayName;
    }

    public long size() {
        return size;
    }

    /**
     * A read-only view of {@code length} bytes at {@code offset} (position 0 = offset). The caller
     * checks bounds against {@link #size()} first.
     */
    public ByteBuffer slice(long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IllegalArgumentException("slice out of file: offset=" + offset + ", length=" + length);
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("packet larger than 2 GiB: length=" + length);
        }
        if (window == null || offset < windowStart || offset + length > windowEnd) {
            map(offset, length);
        }
        int from = (int) (offset - windowStart);
        return window.slice(from, (int) length);
    }

    private void map(long offset, long length) {
        long start = offset & ~0xFFFL;
        long len = Math.min(size - start, Math.max(WINDOW_BYTES, offset - start + length));
        try {
            if (channel == null) {
                channel = FileChannel.open(path, StandardOpenOption.READ);
            }
            window = channel.map(FileChannel.MapMode.READ_ONLY, start, len);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot map stream file: path=\"" + path + "\", offset=" + offset, e);
        }
        windowStart = start;
        windowEnd = start + len;
    }

    @Override
    public void close() throws IOException {
        window = null;
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
