package org.pdrop.gen;

import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.ir.TraceClass;
import org.pdrop.ctf.metadata.MetadataReader;

/** LTTng-kernel-shaped TSDL (lttng-modules 2.13's skeleton, formats.md §5.2) for tests. */
public final class Tsdl {
    private Tsdl() {
    }

    /**
     * Metadata of one stream class with the given event header ({@code event_header_compact} or
     * {@code event_header_large}), byte order ({@code le} or {@code be}), and {@code events}
     * event classes with ids 0 to N-1, each with payload {@code payload} (a TSDL struct body).
     */
    public static String kernel(String byteOrder, String header, int events, String payload) {
        StringBuilder b = new StringBuilder("""
                /* CTF 1.8 */
                typealias integer { size = 8; align = 8; signed = false; } := uint8_t;
                typealias integer { size = 16; align = 8; signed = false; } := uint16_t;
                typealias integer { size = 32; align = 8; signed = false; } := uint32_t;
                typealias integer { size = 64; align = 8; signed = false; } := uint64_t;
                typealias integer { size = 5; align = 1; signed = false; } := uint5_t;
                trace {
                    major = 1; minor = 8;
                    uuid = "f988438c-9bc2-ae47-bed3-ea4c16df7780";
                    byte_order = %s;
                    packet.header := struct {
                        uint32_t magic; uint8_t uuid[16]; uint32_t stream_id; uint64_t stream_instance_id;
                    };
                };
                env { hostname = "test"; domain = "kernel"; tracer_name = "lttng-modules"; tracer_major = 2;
                      tracer_minor = 13; tracer_patchlevel = 9; };
                clock { name = "monotonic"; freq = 1000000000; offset = 1700000000000000000; };
                typealias integer { size = 27; align = 1; signed = false; map = clock.monotonic.value; }
                    := uint27_clock_monotonic_t;
                typealias integer { size = 32; align = 8; signed = false; map = clock.monotonic.value; }
                    := uint32_clock_monotonic_t;
                typealias integer { size = 64; align = 8; signed = false; map = clock.monotonic.value; }
                    := uint64_clock_monotonic_t;
                struct packet_context {
                    uint64_clock_monotonic_t timestamp_begin; uint64_clock_monotonic_t timestamp_end;
                    uint64_t content_size; uint64_t packet_size; uint64_t packet_seq_num;
                    uint64_t events_discarded; uint32_t cpu_id;
                };
                struct event_header_compact {
                    enum : uint5_t { compact = 0 ... 30, extended = 31 } id;
                    variant <id> {
                        struct { uint27_clock_monotonic_t timestamp; } compact;
                        struct { uint32_t id; uint64_clock_monotonic_t timestamp; } extended;
                    } v;
                } align(8);
                struct event_header_large {
                    enum : uint16_t { compact = 0 ... 65534, extended = 65535 } id;
                    variant <id> {
                        struct { uint32_clock_monotonic_t timestamp; } compact;
                        struct { uint32_t id; uint64_clock_monotonic_t timestamp; } extended;
                    } v;
                } align(8);
                stream {
                    id = 0;
                    event.header := struct %s;
                    packet.context := struct packet_context;
                    event.context := struct { integer { size = 32; align = 8; signed = 1; } _tid; };
                };
                """.formatted(byteOrder, header));
        for (int i = 0; i < events; i++) {
            b.append("event { name = \"").append(i == 1 ? "skb_kfree" : "ev" + i).append("\"; id = ").append(i)
                    .append("; stream_id = 0; fields := struct { ").append(payload).append(" }; };\n");
        }
        return b.toString();
    }

    public static TraceClass parse(String text) {
        return MetadataReader.parse(text, "test-metadata", Diagnostics.IGNORE);
    }
}
