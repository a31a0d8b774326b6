package org.pdrop.symbols;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a copy of {@code /proc/kallsyms} or a {@code System.map} into a {@link SymbolTable}.
 *
 * <p>Each line is {@code ADDRESS TYPE NAME}, optionally followed by {@code [MODULE]} (kallsyms
 * writes {@code "%px %c %s\t[%s]"}; {@code System.map} has no module column). Addresses have 1 to 16
 * hexadecimal digits, so 32-bit tables (8 digits) work too. Fields are separated by any run of
 * spaces and tabs; a trailing carriage return (CRLF files) is ignored; blank lines are skipped.
 * Lines may come in any order and may share addresses: the table sorts them.
 *
 * <p>A malformed line is skipped and counted ({@link SymbolTable#skippedLines()}) by the
 * {@link #lenient()} parser, and is an error for the {@link #strict()} one. Either way a file without
 * one valid line, and a file whose addresses are all zero (kallsyms read without root, or with
 * {@code kptr_restrict} set), throw {@link SymbolsException}: such a table would resolve every drop
 * location to garbage.
 *
 * <p>The parser works on bytes and parses hexadecimal by hand because kallsyms has over 100,000
 * lines and is loaded on every run.
 */
public final class KallsymsParser {
    private static final KallsymsParser LENIENT = new KallsymsParser(false, true);
    private static final KallsymsParser STRICT = new KallsymsParser(true, true);
    private static final int MAX_TEXT_CHARS = 80;
    /** Value of each byte as a hexadecimal digit, or -1. */
    private static final byte[] HEX = new byte[256];

    static {
        Arrays.fill(HEX, (byte) -1);
        for (int c = 0; c < 10; c++) {
            HEX['0' + c] = (byte) c;
        }
        for (int c = 0; c < 6; c++) {
            HEX['a' + c] = (byte) (10 + c);
            HEX['A' + c] = (byte) (10 + c);
        }
    }

    private final boolean strict;
    /** Whether usual lines take {@link Run#usualLine}; off only to test it against the general path. */
    private final boolean fast;

    private KallsymsParser(boolean strict, boolean fast) {
        this.strict = strict;
        this.fast = fast;
    }

    /** The same parser with the usual lines' path off, so that every line takes the general one (tests). */
    KallsymsParser generalOnly() {
        return new KallsymsParser(strict, false);
    }

    /** A parser that skips and counts malformed lines. */
    public static KallsymsParser lenient() {
        return LENIENT;
    }

    /** A parser that rejects the first malformed line. */
    public static KallsymsParser strict() {
        return STRICT;
    }

    /**
     * Parses a file.
     *
     * @throws SymbolsException if the file cannot be read, has no valid line, has a malformed line
     *                          (strict parser only), or has only zero addresses
     */
    public SymbolTable parse(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SymbolsException("Cannot read kallsyms: file=" + quote(file.toString()) + ", reason="
                    + quote(e.toString()), e);
        }
        return new Run(content, file.toString()).parse();
    }

    /** Parses text held in memory; {@code source} names it in messages. */
    public SymbolTable parse(String content, String source) {
        return new Run(content.getBytes(StandardCharsets.UTF_8), source).parse();
    }

    /**
     * Parses bytes held in memory (UTF-8); {@code source} names them in messages. The array is not
     * modified or kept (the table keeps a copy: it decodes names from the file's bytes).
     */
    public SymbolTable parse(byte[] content, String source) {
        return new Run(content.clone(), source).parse();
    }

    /**
     * The state of one parse, of bytes it owns (the table keeps them); the parser itself stays
     * immutable and shareable.
     */
    private final class Run {
        private final byte[] in;
        private final String source;
        // Start and end of each field of the current line: address, type, name, module.
        private final int[] fields = new int[8];
        private int count;
        private long[] addresses;
        private int[] nameStart;
        private int[] nameEnd;
        private String[] modules;
        private byte[] types;
        private long addressBits;
        private int skipped;
        private int firstBadLine;
        private String firstBadText;
        private String firstBadReason;
        private String lastModule;

        Run(byte[] in, String source) {
            this.in = in;
            this.source = source;
            int capacity = in.length / 40 + 16;
            addresses = new long[capacity];
            nameStart = new int[capacity];
            nameEnd = new int[capacity];
            modules = new String[capacity];
            types = new byte[capacity];
        }

        SymbolTable parse() {
            int lineNumber = 0;
            int start = 0;
            while (start < in.length) {
                lineNumber++;
                int end = fast ? usualLine(start) : -1;
                if (end >= 0) {
                    start = end + 1;
                    continue;
                }
                end = start;
                while (end < in.length && in[end] != '\n') {
                    end++;
                }
                String reason = parseLine(start, end);
                if (reason != null) {
                    String text = new String(in, start, end - start, StandardCharsets.UTF_8);
                    if (strict) {
                        throw parseError(lineNumber, text, reason);
                    }
                    if (skipped++ == 0) {
                        firstBadLine = lineNumber;
                        firstBadText = text;
                        firstBadReason = reason;
                    }
                }
                start = end + 1;
            }
            if (count == 0) {
                if (skipped == 0) {
                    throw new SymbolsException("Cannot parse kallsyms: file=" + quote(source)
                            + ", reason=\"no symbol line (empty file)\"");
                }
                throw parseError(firstBadLine, firstBadText,
                        "no valid symbol line; " + skipped + " malformed, this is the first: " + firstBadReason);
            }
            if (addressBits == 0) {
                throw new SymbolsException("Cannot use kallsyms: file=" + quote(source)
                        + ", reason=\"all addresses are zero (read without root or kptr_restrict=1)\""
                        + "; hint: copy /proc/kallsyms as root");
            }
            return SymbolTable.build(source, skipped, count, addresses, in, nameStart, nameEnd, modules, types);
        }

        /**
         * Adds the symbol of a line laid out as kallsyms writes it, {@code ADDRESS TYPE NAME} with
         * single spaces and maybe a tab and {@code [MODULE]}, with at most 16 hexadecimal digits,
         * and returns where the line ends (its newline, or the end of the input); returns -1, having
         * added nothing, for any other line, which {@link #parseLine} then reads. What this adds
         * for a line is what {@link #parseLine} would add for it.
         */
        private int usualLine(int start) {
            final byte[] b = in;
            final int n = b.length;
            int i = start;
            long address = 0;
            while (i < n && i - start < 17) {
                int digit = HEX[b[i] & 0xFF];
                if (digit < 0) {
                    break;
                }
                address = (address << 4) | digit;
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 16 || i + 3 >= n || b[i] != ' ' || isBlank(b[i + 1]) || b[i + 1] == '\n'
                    || b[i + 2] != ' ') {
                return -1;
            }
            byte type = b[i + 1];
            int name = i + 3;
            i = name;
            while (i < n && b[i] != '\n' && !isBlank(b[i])) {
                i++;
            }
            int nameEndAt = i;
            if (nameEndAt == name) {
                return -1;
            }
            String module = null;
            if (i < n && b[i] != '\n') {
                // A module: a tab, then [NAME] up to the line's end.
                if (b[i] != '\t' || i + 3 >= n || b[i + 1] != '[') {
                    return -1;
                }
                int moduleStart = i + 2;
                i = moduleStart;
                while (i < n && b[i] != ']' && b[i] != '\n' && !isBlank(b[i])) {
                    i++;
                }
                if (i == moduleStart || i >= n || b[i] != ']' || (i + 1 < n && b[i + 1] != '\n')) {
                    return -1;
                }
                module = module(moduleStart, i);
                i++;
            }
            if (count == addresses.length) {
                grow();
            }
            addresses[count] = address;
            types[count] = type;
            nameStart[count] = name;
            nameEnd[count] = nameEndAt;
            modules[count] = module;
            count++;
            addressBits |= address;
            return i;
        }

        /** Adds the symbol on {@code in[start, end)}; returns why the line is malformed, or null. */
        private String parseLine(int start, int end) {
            int fieldCount = 0;
            int i = start;
            while (true) {
                while (i < end && isBlank(in[i])) {
                    i++;
                }
                if (i == end) {
                    break;
                }
                if (fieldCount == 4) {
                    return "unexpected text after the module";
                }
                fields[2 * fieldCount] = i;
                while (i < end && !isBlank(in[i])) {
                    i++;
                }
                fields[2 * fieldCount + 1] = i;
                fieldCount++;
            }
            if (fieldCount == 0) {
                return null;
            }
            if (fieldCount < 3) {
                return "expected address, type and name";
            }
            int addressStart = fields[0];
            int addressEnd = fields[1];
            long address = 0;
            for (int j = addressStart; j < addressEnd; j++) {
                int digit = Character.digit(in[j], 16);
                if (digit < 0) {
                    return "address is not hexadecimal";
                }
                if ((address >>> 60) != 0) {
                    return "address exceeds 64 bits";
                }
                address = (address << 4) | digit;
            }
            if (fields[3] - fields[2] != 1) {
                return "type is not one character";
            }
            String module = null;
            if (fieldCount == 4) {
                int moduleStart = fields[6];
                int moduleEnd = fields[7];
                if (moduleEnd - moduleStart < 3 || in[moduleStart] != '[' || in[moduleEnd - 1] != ']') {
                    return "unexpected text after the name";
                }
                module = module(moduleStart + 1, moduleEnd - 1);
            }
            if (count == addresses.length) {
                grow();
            }
            addresses[count] = address;
            types[count] = in[fields[2]];
            nameStart[count] = fields[4];
            nameEnd[count] = fields[5];
            modules[count] = module;
            count++;
            addressBits |= address;
            return null;
        }

        /**
         * Lines of one module are contiguous, so reusing the previous string saves most allocations.
         * The fast path only matches ASCII: a negative (non-ASCII) byte never equals a char.
         */
        private String module(int start, int end) {
            String last = lastModule;
            if (last != null && last.length() == end - start) {
                boolean same = true;
                for (int i = 0; i < last.length() && same; i++) {
                    same = last.charAt(i) == in[start + i];
                }
                if (same) {
                    return last;
                }
            }
            lastModule = new String(in, start, end - start, StandardCharsets.UTF_8);
            return lastModule;
        }

        private void grow() {
            int capacity = addresses.length * 2;
            addresses = Arrays.copyOf(addresses, capacity);
            nameStart = Arrays.copyOf(nameStart, capacity);
            nameEnd = Arrays.copyOf(nameEnd, capacity);
            modules = Arrays.copyOf(modules, capacity);
            types = Arrays.copyOf(types, capacity);
        }

        private SymbolsException parseError(int lineNumber, String text, String reason) {
            return new SymbolsException("Cannot parse kallsyms: file=" + quote(source) + ", line=" + lineNumber
                    + ", text=" + quote(abbreviate(text)) + ", reason=" + quote(reason));
        }
    }

    // '\r' counts as blank so that CRLF line ends need no special case.
    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == 0x0b || b == '\f';
    }

    private static String abbreviate(String text) {
        return text.length() <= MAX_TEXT_CHARS ? text : text.substring(0, MAX_TEXT_CHARS) + "...";
    }

    /** Quotes a message value, escaping what would make the message ambiguous or unprintable. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
