/**
 * What LTTng adds to a CTF trace on disk: the packet index files ({@code index/NAME.idx}) that let
 * a reader locate packets without scanning them.
 *
 * <p>{@link org.pdrop.lttng.IndexFormat} holds the index ABI (lttng-tools {@code ctf-index.hpp});
 * {@link org.pdrop.lttng.LttngIndexProvider} plugs it into
 * {@link org.pdrop.ctf.CtfTrace#open} as a {@link org.pdrop.ctf.stream.PacketIndexProvider},
 * falling back to a scan, with one warning, when an index cannot be trusted. Session layouts
 * (kernel/, ust/uid/UID/BITS-bit/, ust/pid/NAME-PID-DATE/, snapshot-N-DATE-K/,
 * archives/BEGIN-END-N/) need nothing LTTng-specific: {@code CtfTrace} finds each trace folder
 * and merges the folders of one UUID. This package imports only {@code org.pdrop.ctf} and the JDK.
 */
package org.pdrop.lttng;
