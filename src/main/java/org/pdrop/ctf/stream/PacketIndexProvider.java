package org.pdrop.ctf.stream;

import java.util.List;
import java.util.Optional;

/**
 * Supplies the packet list of a stream file without scanning it, from an index kept beside it
 * (LTTng's {@code index/NAME.idx}). Implementations validate what they read against the file and
 * return empty (after one diagnostic line) when the index is missing or cannot be trusted; the
 * reader then scans the packet headers instead.
 */
@FunctionalInterface
public interface PacketIndexProvider {
    /**
     * The packets of {@code file} in file order, or empty to have the caller scan the file.
     *
     * @param scanner decodes the header and context of one packet of this file's trace: for what
     *                the index lacks (LTTng index 1.0 has no stream instance id) and to check the
     *                index against the file. Owned by the caller; not thread-safe. A
     *                {@link org.pdrop.ctf.CtfException} it throws means the packet it was asked
     *                about is unreadable, which implementations treat as an untrustworthy index.
     * @return packets equal to what {@link PacketScanner#scan} would return for the same file
     */
    Optional<List<PacketInfo>> packets(StreamFile file, PacketScanner scanner);

    PacketIndexProvider NONE = (file, scanner) -> Optional.empty();
}
