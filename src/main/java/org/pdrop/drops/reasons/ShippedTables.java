package org.pdrop.drops.reasons;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The drop-reason tables shipped inside pdrop, one per kernel release line.
 *
 * <p>They live as resources in {@code org/pdrop/drops/reasons/}: {@code tables.list} names the
 * files, and each file ({@code 6.1.txt}, ...) has comment lines starting with {@code #} (one of
 * them {@code # source: ...}, naming the exact header the table was derived from) and lines
 * {@code NUMBER NAME} with strictly increasing numbers. Only tables derived from an exact source
 * are shipped; see {@code docs/drop-reasons.md}.
 */
public final class ShippedTables {

    /** Resource folder of the shipped tables, relative to the class path root. */
    public static final String RESOURCE_DIR = "org/pdrop/drops/reasons/";
    /** Resource listing the shipped table files. */
    public static final String INDEX = RESOURCE_DIR + "tables.list";

    private static final Pattern ENTRY = Pattern.compile("^(\\d+)\\s+([A-Z0-9_]+)$");
    private static final Pattern FILE_NAME = Pattern.compile("^(\\d+)\\.(\\d+)\\.txt$");
    private static final String SOURCE_TAG = "# source:";

    /**
     * One shipped table.
     *
     * @param line     the release line it is for (e.g. 6.1)
     * @param resource the resource file name (e.g. {@code 6.1.txt})
     * @param table    its entries; kind {@link ReasonSource#SHIPPED_EXACT}, source = the header's source line
     */
    public record ShippedTable(KernelRelease line, String resource, ReasonTable table) {
        public ShippedTable {
            Objects.requireNonNull(line, "line");
            Objects.requireNonNull(resource, "resource");
            Objects.requireNonNull(table, "table");
        }
    }

    private static volatile ShippedTables builtIn;

    private final List<ShippedTable> tables;

    private ShippedTables(List<ShippedTable> tables) {
        List<ShippedTable> sorted = new ArrayList<>(tables);
        sorted.sort((a, b) -> a.line().compareTo(b.line()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).line().sameLine(sorted.get(i - 1).line())) {
                throw new IllegalArgumentException("two tables for line " + sorted.get(i).line().line());
            }
        }
        this.tables = List.copyOf(sorted);
    }

    /** A set of tables (for tests, or tables from elsewhere). */
    public static ShippedTables of(List<ShippedTable> tables) {
        return new ShippedTables(tables);
    }

    /** The tables shipped in pdrop's resources (loaded once). */
    public static ShippedTables builtIn() {
        ShippedTables t = builtIn;
        if (t == null) {
            synchronized (ShippedTables.class) {
                t = builtIn;
                if (t == null) {
                    t = loadBuiltIn();
                    builtIn = t;
                }
            }
        }
        return t;
    }

    /** All tables, oldest release line first. */
    public List<ShippedTable> all() {
        return tables;
    }

    /** The table for exactly this release line. */
    public Optional<ShippedTable> forLine(KernelRelease release) {
        for (ShippedTable t : tables) {
            if (t.line().sameLine(release)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The table of the newest release line strictly older than {@code release}. */
    public Optional<ShippedTable> nearestOlder(KernelRelease release) {
        ShippedTable best = null;
        for (ShippedTable t : tables) {
            if (t.line().compareTo(release) < 0) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Resource file names listed in {@code tables.list}, in order. */
    public static List<String> listedResources() {
        String index = readResource(INDEX);
        List<String> names = new ArrayList<>();
        for (String raw : index.split("\\R")) {
            String line = raw.trim();
            if (!line.isEmpty() && !line.startsWith("#")) {
                names.add(line);
            }
        }
        return names;
    }

    private static ShippedTables loadBuiltIn() {
        List<ShippedTable> loaded = new ArrayList<>();
        for (String name : listedResources()) {
            loaded.add(parse(name, readResource(RESOURCE_DIR + name)));
        }
        return new ShippedTables(loaded);
    }

    /**
     * Parses one table file. {@code resourceName} must be {@code MAJOR.MINOR.txt}.
     *
     * @throws IllegalArgumentException naming the line, for anything that is not a comment, a
     *                                  blank line or {@code NUMBER NAME}; for numbers that do not
     *                                  strictly increase, repeated names, or a missing source line
     */
    public static ShippedTable parse(String resourceName, String text) {
        Matcher fm = FILE_NAME.matcher(resourceName);
        if (!fm.matches()) {
            throw new IllegalArgumentException(resourceName + ": name must be MAJOR.MINOR.txt");
        }
        KernelRelease line = KernelRelease.parse(fm.group(1) + "." + fm.group(2)).orElseThrow();
        String source = null;
        TreeMap<Long, String> entries = new TreeMap<>();
        Set<String> names = new HashSet<>();
        long previous = -1;
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            String where = resourceName + ":" + (i + 1);
            if (l.isEmpty()) {
                continue;
            }
            if (l.startsWith("#")) {
                if (l.startsWith(SOURCE_TAG) && source == null) {
                    source = l.substring(SOURCE_TAG.length()).strip();
                }
                continue;
            }
            Matcher m = ENTRY.matcher(l);
            if (!m.matches()) {
                throw new IllegalArgumentException(where + ": expected 'NUMBER NAME', got '" + l + "'");
            }
            long value = Long.parseLong(m.group(1));
            String name = m.group(2);
            if (value <= previous) {
                throw new IllegalArgumentException(where + ": " + value + " does not follow " + previous);
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException(where + ": name " + name + " repeated");
            }
            entries.put(value, name);
            previous = value;
        }
        if (source == null || source.isEmpty()) {
            throw new IllegalArgumentException(resourceName + ": no '# source:' header line");
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException(resourceName + ": no entries");
        }
        String description = "pdrop table " + resourceName + " (" + source + ")";
        return new ShippedTable(line, resourceName, new ReasonTable(entries, ReasonSource.SHIPPED_EXACT, description));
    }

    private static String readResource(String path) {
        try (InputStream in = ShippedTables.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + path, e);
        }
    }
}
