package org.pdrop.drops.reasons;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed ftrace tracepoint format file ({@code events/skb/kfree_skb/format} or
 * {@code events/skb/consume_skb/format}) as saved next to a trace.
 *
 * <p>On kernels 5.17 and later (and some distribution kernels with backports) the
 * {@code kfree_skb} format has a {@code reason} field, and from 6.0 on its {@code print fmt} lists
 * every reason: {@code __print_symbolic(REC->reason, { 1, "NOT_SPECIFIED" }, ...)}. That list is
 * written by the traced kernel itself, so it is the exact numbering for that kernel. Older formats
 * (no {@code reason} field) and formats that print the reason some other way (5.19 printed
 * {@code drop_reasons[REC->reason]}) give no table. {@code consume_skb} has no reason at all.
 *
 * @param eventName      the {@code name:} line ({@code kfree_skb}), or {@code null} if absent
 * @param kind           which event the file describes
 * @param hasReasonField whether a {@code field:... reason;} line is present
 * @param reasonTable    the reasons listed by {@code __print_symbolic(REC->reason, ...)}, or
 *                       {@code null} when the format lists none
 */
public record FormatFile(String eventName, EventKind kind, boolean hasReasonField, ReasonTable reasonTable) {

    /** The events pdrop knows format files of. */
    public enum EventKind {
        /** {@code kfree_skb} (LTTng event {@code skb_kfree}): a drop. */
        KFREE_SKB,
        /** {@code consume_skb} (LTTng event {@code skb_consume}): a normal free, no reason. */
        CONSUME_SKB,
        /** Another event, or no {@code name:} line. */
        OTHER
    }

    private static final Pattern NAME = Pattern.compile("(?m)^\\s*name:\\s*(\\S+)\\s*$");
    private static final Pattern REASON_FIELD = Pattern.compile("(?m)^\\s*field:[^;\\n]*\\breason\\s*;");
    private static final Pattern PRINT_FMT = Pattern.compile("(?m)^\\s*print fmt:");
    private static final Pattern SYMBOLIC = Pattern.compile("__print_symbolic\\s*\\(");
    private static final Pattern REC_REASON = Pattern.compile("\\s*(?:\\(\\s*[^()]*\\)\\s*)?REC\\s*->\\s*reason\\s*");
    private static final Pattern PAIR = Pattern.compile(
            "\\{\\s*([^,{}\"]+?)\\s*,\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*}");
    private static final Pattern NUMBER = Pattern.compile("-?(?:0[xX][0-9a-fA-F]+|\\d+)");

    /** The reasons the format file lists, if any. */
    public Optional<ReasonTable> table() {
        return Optional.ofNullable(reasonTable);
    }

    /** Reads and parses a format file. */
    public static FormatFile read(Path path) throws IOException {
        return parse(Files.readString(path, StandardCharsets.UTF_8), "tracepoint format file " + path);
    }

    /** Parses format-file text (a whole file, or just its {@code print fmt} part). */
    public static FormatFile parse(String text) {
        return parse(text, "tracepoint format file");
    }

    /**
     * Parses format-file text; {@code sourceDescription} becomes the table's source. Tolerates
     * extra whitespace and line breaks inside {@code print fmt} (as in pasted copies).
     */
    public static FormatFile parse(String text, String sourceDescription) {
        Matcher nm = NAME.matcher(text);
        String eventName = nm.find() ? nm.group(1) : null;
        boolean reasonField = REASON_FIELD.matcher(text).find();
        ReasonTable table = null;
        Matcher pm = PRINT_FMT.matcher(text);
        String printFmt = pm.find() ? text.substring(pm.end()) : text;
        String symbolicArgs = reasonSymbolicArguments(printFmt);
        if (symbolicArgs != null) {
            TreeMap<Long, String> entries = new TreeMap<>();
            Matcher m = PAIR.matcher(symbolicArgs);
            while (m.find()) {
                String key = m.group(1).trim();
                if (!NUMBER.matcher(key).matches()) {
                    continue; // an enum constant the kernel did not evaluate: unusable
                }
                long value = Long.decode(key);
                entries.putIfAbsent(value, DropReasons.normalizeName(m.group(2)));
            }
            if (!entries.isEmpty()) {
                table = new ReasonTable(entries, ReasonSource.FORMAT_FILE, sourceDescription);
            }
        }
        return new FormatFile(eventName, kindOf(eventName), reasonField || symbolicArgs != null, table);
    }

    private static EventKind kindOf(String eventName) {
        if (eventName == null) {
            return EventKind.OTHER;
        }
        return switch (eventName) {
            case "kfree_skb", "skb_kfree" -> EventKind.KFREE_SKB;
            case "consume_skb", "skb_consume" -> EventKind.CONSUME_SKB;
            default -> EventKind.OTHER;
        };
    }

    /**
     * The text between {@code __print_symbolic(REC->reason,} and its closing parenthesis, or null
     * when no {@code __print_symbolic} call takes {@code REC->reason} as its first argument.
     */
    private static String reasonSymbolicArguments(String printFmt) {
        Matcher m = SYMBOLIC.matcher(printFmt);
        while (m.find()) {
            int open = m.end();
            int close = closingParenthesis(printFmt, open);
            if (close < 0) {
                return null;
            }
            String args = printFmt.substring(open, close);
            int comma = topLevelComma(args);
            String first = comma < 0 ? args : args.substring(0, comma);
            if (REC_REASON.matcher(first).matches()) {
                return comma < 0 ? "" : args.substring(comma + 1);
            }
        }
        return null;
    }

    /** Index of the ')' closing the '(' just before {@code from}, skipping quoted strings; -1 if none. */
    private static int closingParenthesis(String s, int from) {
        int depth = 1;
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int topLevelComma(String s) {
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(' || c == '{') {
                depth++;
            } else if (c == ')' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
