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
    Optional<List<PacketInfo>> packets(StreamFile file);

    PacketIndexProvider NONE = file -> Optional.empty();
}
