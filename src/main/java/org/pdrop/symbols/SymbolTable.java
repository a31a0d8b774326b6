package org.pdrop.symbols;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * An immutable kernel symbol table that resolves an address to the nearest symbol at or below it,
 * with {@code offset = address - symbol address}; an address below the first eligible symbol stays
 * unresolved.
 *
 * <p>Storage is parallel arrays sorted by unsigned address, then by name in code-point order (the
 * order of Python's {@code sorted()} on {@code (address, name)} tuples, which the seed used), then by
 * type, module and input order so that equal names are ordered deterministically too. Addresses are
 * stored with the sign bit flipped, so that plain signed comparisons of the keys order them as
 * unsigned values; lookups are a binary search over a {@code long[]}.
 *
 * <p>Two rules are offered (see {@link ResolutionRule}): {@link ResolutionRule#SEED}, the default,
 * reproduces the seed exactly, including its choice among duplicate addresses (the greatest name
 * wins); {@link ResolutionRule#CODE} only considers text symbols and prefers real function names.
 * On the lab traces' golden outputs both rules give identical results.
 *
 * <p>Build one with {@link KallsymsParser}. Instances are safe to share between threads.
 */
public final class SymbolTable {
    private final String source;
    private final int skippedLines;
    // Sign-flipped addresses, sorted; names/modules/types are parallel to them. A name is the bytes
    // [nameStart, nameEnd) of text (UTF-8), decoded when a lookup returns it.
    private final long[] keys;
    private final byte[] text;
    private final int[] nameStart;
    private final int[] nameEnd;
    private final String[] modules;
    private final byte[] types;
    // The CODE rule's view: one entry per address that has an eligible symbol, pointing at the winner.
    private final long[] codeKeys;
    private final int[] codeIndexes;

    private SymbolTable(String source, int skippedLines, long[] keys, byte[] text, int[] nameStart, int[] nameEnd,
            String[] modules, byte[] types) {
        this.source = source;
        this.skippedLines = skippedLines;
        this.keys = keys;
        this.text = text;
        this.nameStart = nameStart;
        this.nameEnd = nameEnd;
        this.modules = modules;
        this.types = types;
        int[] winners = codeWinners();
        this.codeIndexes = winners;
        this.codeKeys = new long[winners.length];
        for (int i = 0; i < winners.length; i++) {
            codeKeys[i] = keys[winners[i]];
        }
    }

    /**
     * Builds a table from the first {@code count} entries of unsorted parallel arrays, names given
     * as the bytes {@code [nameStart, nameEnd)} of {@code text}; the arrays are only read, and the
     * table keeps sorted copies (and {@code text} itself, which must not change).
     */
    static SymbolTable build(String source, int skippedLines, int count, long[] addresses, byte[] text,
            int[] nameStart, int[] nameEnd, String[] modules, byte[] types) {
        long[] inputKeys = new long[count];
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            inputKeys[i] = addresses[i] ^ Long.MIN_VALUE;
            order[i] = i;
        }
        IndexComparator byKeyThenName = (a, b) -> {
            int c = Long.compare(inputKeys[a], inputKeys[b]);
            if (c == 0) {
                c = compareNames(text, nameStart[a], nameEnd[a], nameStart[b], nameEnd[b]);
            }
            if (c == 0) {
                c = Byte.compare(types[a], types[b]);
            }
            if (c == 0) {
                c = compareModules(modules[a], modules[b]);
            }
            return c != 0 ? c : Integer.compare(a, b);
        };
        mergeSort(order, new int[count], 0, count, byKeyThenName);
        long[] sortedKeys = new long[count];
        int[] sortedStarts = new int[count];
        int[] sortedEnds = new int[count];
        String[] sortedModules = new String[count];
        byte[] sortedTypes = new byte[count];
        for (int i = 0; i < count; i++) {
            int from = order[i];
            sortedKeys[i] = inputKeys[from];
            sortedStarts[i] = nameStart[from];
            sortedEnds[i] = nameEnd[from];
            sortedModules[i] = modules[from];
            sortedTypes[i] = types[from];
        }
        return new SymbolTable(source, skippedLines, sortedKeys, text, sortedStarts, sortedEnds, sortedModules,
                sortedTypes);
    }

    /**
     * {@link #compareCodePoints} of two names held as UTF-8 bytes of {@code text}. Bytewise order of
     * valid UTF-8 is code-point order, so ASCII bytes are compared as they are; from the first byte
     * that is not ASCII, both names are decoded (as the table decodes them for lookups, malformed
     * sequences included) and compared as strings.
     */
    static int compareNames(byte[] text, int aStart, int aEnd, int bStart, int bEnd) {
        int n = Math.min(aEnd - aStart, bEnd - bStart);
        for (int k = 0; k < n; k++) {
            byte x = text[aStart + k];
            byte y = text[bStart + k];
            if (x < 0 || y < 0) {
                return compareCodePoints(new String(text, aStart, aEnd - aStart, StandardCharsets.UTF_8),
                        new String(text, bStart, bEnd - bStart, StandardCharsets.UTF_8));
            }
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return Integer.compare(aEnd - aStart, bEnd - bStart);
    }

    private String name(int index) {
        return new String(text, nameStart[index], nameEnd[index] - nameStart[index], StandardCharsets.UTF_8);
    }

    /** Whether the name of symbol {@code index} starts with the ASCII text {@code prefix}. */
    private boolean nameStartsWith(int index, String prefix) {
        int start = nameStart[index];
        if (nameEnd[index] - start < prefix.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (text[start + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private interface IndexComparator {
        int compare(int a, int b);
    }

    /**
     * Sorts {@code order[from, to)} without boxing. Already ordered halves are not merged, so the
     * sorted bulk of a kallsyms file (vmlinux is listed in address order) costs one comparison per
     * element; only the module lines really get sorted.
     */
    private static void mergeSort(int[] order, int[] scratch, int from, int to, IndexComparator comparator) {
        if (to - from < 16) {
            for (int i = from + 1; i < to; i++) {
                int value = order[i];
                int j = i - 1;
                while (j >= from && comparator.compare(order[j], value) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = value;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(order, scratch, from, mid, comparator);
        mergeSort(order, scratch, mid, to, comparator);
        if (comparator.compare(order[mid - 1], order[mid]) <= 0) {
            return;
        }
        System.arraycopy(order, from, scratch, from, to - from);
        int left = from;
        int right = mid;
        for (int out = from; out < to; out++) {
            if (right >= to || (left < mid && comparator.compare(scratch[left], scratch[right]) <= 0)) {
                order[out] = scratch[left++];
            } else {
                order[out] = scratch[right++];
            }
        }
    }

    /** Resolves with the seed-compatible {@link ResolutionRule#SEED} rule. */
    public Optional<Resolution> resolve(long address) {
        return resolve(address, ResolutionRule.SEED);
    }

    /**
     * Resolves an address to the nearest symbol at or below it under {@code rule}; empty when no
     * eligible symbol is at or below the address.
     */
    public Optional<Resolution> resolve(long address, ResolutionRule rule) {
        long key = address ^ Long.MIN_VALUE;
        int index = switch (rule) {
            case SEED -> floor(keys, key);
            case CODE -> {
                int code = floor(codeKeys, key);
                yield code < 0 ? -1 : codeIndexes[code];
            }
        };
        if (index < 0) {
            return Optional.empty();
        }
        long symbolAddress = keys[index] ^ Long.MIN_VALUE;
        return Optional.of(new Resolution(new Symbol(name(index), modules[index], symbolAddress),
                address - symbolAddress));
    }

    /** Number of symbols, every valid line of the file counted. */
    public int size() {
        return keys.length;
    }

    /** Where the symbols came from, as given to the parser; used in messages. */
    public String source() {
        return source;
    }

    /** Malformed lines the lenient parser skipped; 0 for the strict parser. */
    public int skippedLines() {
        return skippedLines;
    }

    @Override
    public String toString() {
        return "SymbolTable[source=" + source + ", symbols=" + keys.length + ", skippedLines=" + skippedLines
                + ']';
    }

    /** Index of the last key at or below {@code key}, or -1. */
    private static int floor(long[] sortedKeys, long key) {
        int low = 0;
        int high = sortedKeys.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (sortedKeys[mid] <= key) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low - 1;
    }

    private int[] codeWinners() {
        int[] winners = new int[keys.length];
        int count = 0;
        int start = 0;
        while (start < keys.length) {
            int end = start + 1;
            while (end < keys.length && keys[end] == keys[start]) {
                end++;
            }
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = start; i < end; i++) {
                int rank = codeRank(i);
                // "<=" keeps the last of equal rank: the greatest name, as the seed would pick.
                if (rank <= bestRank) {
                    best = i;
                    bestRank = rank;
                }
            }
            if (bestRank != Integer.MAX_VALUE) {
                winners[count++] = best;
            }
            start = end;
        }
        return Arrays.copyOf(winners, count);
    }

    /** Lower is better; {@code Integer.MAX_VALUE} means not eligible under {@link ResolutionRule#CODE}. */
    private int codeRank(int index) {
        if (nameStartsWith(index, "$")) {
            return Integer.MAX_VALUE;
        }
        int rank = switch (types[index]) {
            case 't', 'T' -> 0;
            case 'w', 'W' -> 2;
            default -> Integer.MAX_VALUE;
        };
        if (rank == Integer.MAX_VALUE) {
            return rank;
        }
        // Padding before a function (CALL_PADDING, kCFI) shares no address with it, but when it does
        // collide with something, the real function name is the useful one.
        if (nameStartsWith(index, "__pfx_") || nameStartsWith(index, "__cfi_")) {
            rank++;
        }
        return rank;
    }

    /**
     * Python orders {@code str} by code point; {@link String#compareTo} orders by UTF-16 unit, which
     * differs for supplementary characters. Symbol names are ASCII in practice, but parity is cheap.
     */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static int compareModules(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return compareCodePoints(a, b);
    }
}
