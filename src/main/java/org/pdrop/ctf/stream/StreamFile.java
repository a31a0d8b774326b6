package org.pdrop.ctf.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One data stream file. A packet is read whole into a buffer of its own with a positional read,
 * so memory holds only the packets in use, whatever the file size (file pages stay in the page
 * cache, not in the process), and any number of threads may read the same file at once.
 *
 * <p>Memory-mapping was tried first: mapped pages count in the process's resident size until the
 * mapping is garbage-collected, so peak RSS grew with the trace (about 10 GB for an 8 GB trace).
 *
 * <p>Owns its channel: the caller closes.
 */
public final class StreamFile implements AutoCloseable {
    private final Path path;
    private final String displayName;
    private final FileChannel channel;
    private final ByteBuffer memory;
    private final long size;

    public StreamFile(Path path, String displayName) throws IOException {
        this.path = path;
        this.displayName = displayName;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
        this.memory = null;
        this.size = channel.size();
    }

    /** A stream held in memory (tests, generated traces): {@code data} position 0 is the file start. */
    public StreamFile(String displayName, ByteBuffer data) {
        this.path = null;
        this.displayName = displayName;
        this.channel = null;
        this.memory = data.slice();
        this.size = memory.remaining();
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
     * {@code length} bytes at {@code offset} (position 0 = offset), in a buffer the caller may
     * keep. The caller checks bounds against {@link #size()} first.
     */
    public ByteBuffer slice(long offset, long length) {
        return read(offset, length, null);
    }

    /**
     * As {@link #slice}, reading into {@code reuse} when it is large enough (its previous content
     * is overwritten: the caller must be done with it), so that a reader going through packets one
     * after the other allocates only when a packet is larger than any before it. A new buffer is
     * direct when {@code reuse} is (the channel then reads straight into it, where a heap buffer
     * costs one more copy of every byte), else on the heap.
     */
    public ByteBuffer read(long offset, long length, ByteBuffer reuse) {
        if (offset < 0 || length < 0 || offset + length > size) {
            throw new IllegalArgumentException("slice out of file: offset=" + offset + ", length=" + length);
        }
        if (length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("packet larger than 2 GiB: length=" + length);
        }
        if (memory != null) {
            return memory.slice((int) offset, (int) length);
        }
        ByteBuffer buf = reuse != null && reuse.capacity() >= length ? reuse.clear().limit((int) length)
                : reuse != null && reuse.isDirect() ? ByteBuffer.allocateDirect((int) length)
                : ByteBuffer.allocate((int) length);
        try {
            while (buf.hasRemaining()) {
                int n = channel.read(buf, offset + buf.position());
                if (n < 0) {
                    throw new IOException("file shorter than when opened");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read stream file: path=\"" + path + "\", offset=" + offset, e);
        }
        return buf.flip().slice();
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
