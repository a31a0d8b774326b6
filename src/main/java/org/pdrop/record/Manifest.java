package org.pdrop.record;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code pdrop-record.json}: what was recorded, how, and what was changed on the host and undone.
 * Written with jackson-core's streaming generator; keys in snake_case, times in ISO 8601 with the
 * host's offset. The fields are listed in the README.
 */
final class Manifest {
    static final String FILE = "pdrop-record.json";
    static final int FORMAT = 1;
    /** Always with seconds, unlike {@code OffsetDateTime.toString()} ({@code 14:30Z}). */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /** Everything the file says; {@code null} fields are written as JSON null. */
    record Content(String pdropVersion, List<String> commandLine, String session, Path output,
            OffsetDateTime start, OffsetDateTime stop, String stoppedBy, Long durationNanos, List<String> command,
            Integer commandExitStatus, String eventSet, List<String> events, List<String> contexts,
            String lttngVersion, String kernel, boolean sessionDaemonStarted, List<QdiscChange> qdiscChanges,
            Map<String, String> files, List<String> warnings, List<Leftover> leftovers, String error,
            int exitStatus) {
    }

    private Manifest() {
    }

    static void write(Path target, Content c) throws IOException {
        try (OutputStream out = new FileOutputStream(target.toFile());
                JsonGenerator g = Json.FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("format", FORMAT);
            g.writeStringField("pdrop_version", c.pdropVersion());
            writeStrings(g, "command_line", c.commandLine());
            g.writeStringField("session", c.session());
            g.writeStringField("output", c.output().toString());
            g.writeStringField("start", c.start() == null ? null : ISO.format(c.start()));
            g.writeStringField("stop", c.stop() == null ? null : ISO.format(c.stop()));
            g.writeStringField("stopped_by", c.stoppedBy());
            g.writeFieldName("duration_ns");
            writeValue(g, c.durationNanos());
            writeStrings(g, "command", c.command());
            g.writeFieldName("command_exit_status");
            writeValue(g, c.commandExitStatus() == null ? null : c.commandExitStatus().longValue());
            g.writeStringField("event_set", c.eventSet());
            writeStrings(g, "events", c.events());
            writeStrings(g, "contexts", c.contexts());
            g.writeStringField("lttng_version", c.lttngVersion());
            g.writeStringField("kernel", c.kernel());
            g.writeBooleanField("session_daemon_started", c.sessionDaemonStarted());
            g.writeArrayFieldStart("qdisc_changes");
            for (QdiscChange q : c.qdiscChanges()) {
                g.writeStartObject();
                g.writeStringField("device", q.device());
                g.writeFieldName("before");
                writeValue(g, q.previous() == null ? "default" : q.previous().toMap());
                writeStrings(g, "command", q.command());
                writeStrings(g, "restore_command", q.restoreCommand());
                g.writeBooleanField("applied", q.applied());
                g.writeFieldName("restored");
                writeValue(g, q.restored());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeFieldName("files");
            writeValue(g, new LinkedHashMap<String, Object>(c.files()));
            writeStrings(g, "warnings", c.warnings());
            g.writeArrayFieldStart("left_behind");
            for (Leftover l : c.leftovers()) {
                g.writeStartObject();
                g.writeStringField("what", l.what());
                writeStrings(g, "remove_command", l.removeCommand());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("error", c.error());
            g.writeNumberField("exit_status", c.exitStatus());
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeFieldName(name);
        writeValue(g, values);
    }

    /** Writes the plain Java values {@link Json#parse} produces. */
    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> map) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName((String) e.getKey());
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                writeValue(g, item);
            }
            g.writeEndArray();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Long n) {
            g.writeNumber(n);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            throw new IllegalArgumentException("not a JSON value: " + v.getClass());
        }
    }
}
