package org.pdrop.drops.reasons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ShippedTablesTest {

    private static final Path RESOURCE_DIR = Path.of("src/main/resources", ShippedTables.RESOURCE_DIR);

    @Test
    void theIndexListsExactlyTheTableFilesInTheResourceFolder() throws IOException {
        List<String> onDisk = new ArrayList<>();
        try (Stream<Path> files = Files.list(RESOURCE_DIR)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+\\.\\d+\\.txt")).forEach(onDisk::add);
        }
        assertThat(ShippedTables.listedResources()).containsExactlyInAnyOrderElementsOf(onDisk);
    }

    @Test
    void everyShippedFileParsesIsStrictlyIncreasingWithUniqueNamesAndHasASource() throws IOException {
        assertThat(ShippedTables.listedResources()).isNotEmpty();
        for (String name : ShippedTables.listedResources()) {
            String text = Files.readString(RESOURCE_DIR.resolve(name), StandardCharsets.UTF_8);
            assertThat(text.lines().filter(l -> l.startsWith("# source:")).count()).as(name).isEqualTo(1);

            ShippedTables.ShippedTable t = ShippedTables.parse(name, text);

            assertThat(t.line().line() + ".txt").isEqualTo(name);
            assertThat(t.table().source()).as(name).contains("Debian package").contains(name);
            List<Long> values = new ArrayList<>(t.table().entries().keySet());
            for (int i = 1; i < values.size(); i++) {
                assertThat(values.get(i)).as(name).isGreaterThan(values.get(i - 1));
            }
            assertThat(new HashSet<>(t.table().entries().values())).as(name).hasSize(values.size());
            // every table starts with the non-drop members and ends with MAX, as the enum does
            assertThat(t.table().name(0)).as(name).contains(DropReasons.NOT_DROPPED_YET);
            assertThat(t.table().entries().lastKey()).as(name).isEqualTo(t.table().max().orElseThrow());
            assertThat(t.table().entries().values()).as(name).allMatch(n -> n.matches("[A-Z0-9_]+"));
        }
    }

    @Test
    void builtInTablesAreLoadedOldestFirst() {
        List<ShippedTables.ShippedTable> all = ShippedTables.builtIn().all();
        assertThat(all).extracting(t -> t.line().line()).containsExactly("6.1", "6.12", "7.2", "7.3");
        assertThat(all).allMatch(t -> t.table().kind() == ReasonSource.SHIPPED_EXACT);
    }

    @Test
    void shipped61TableIsTheLabFormatFilePlusNotDroppedYet() throws IOException {
        ReasonTable fromFormat = FormatFile.read(LabFiles.require("ftrace-kfree_skb-format.txt")).table().orElseThrow();
        ReasonTable shipped = ShippedTables.builtIn()
                .forLine(KernelRelease.parse("6.1.0-56-amd64").orElseThrow()).orElseThrow().table();

        TreeMap<Long, String> expected = new TreeMap<>(fromFormat.entries());
        expected.put(0L, DropReasons.NOT_DROPPED_YET);
        assertThat(shipped.entries()).containsExactlyEntriesOf(expected);

        // and the namer's format-file table (with the implied value 0) is the shipped table exactly
        ReasonNamer namer = ReasonNamer.builder()
                .formatFile(LabFiles.require("ftrace-kfree_skb-format.txt")).build();
        assertThat(namer.formatTable().orElseThrow().entries()).containsExactlyEntriesOf(shipped.entries());
    }

    @Test
    void tablesAfter61HaveConsumedAtOne() {
        for (ShippedTables.ShippedTable t : ShippedTables.builtIn().all()) {
            if (t.line().compareTo(KernelRelease.parse("6.1").orElseThrow()) > 0) {
                assertThat(t.table().name(1)).as(t.resource()).contains(DropReasons.CONSUMED);
                assertThat(t.table().name(2)).as(t.resource()).contains(DropReasons.NOT_SPECIFIED);
            }
        }
    }

    @Test
    void lookupByLineAndNearestOlder() {
        ShippedTables tables = ShippedTables.builtIn();
        assertThat(tables.forLine(rel("6.12.57+deb13-amd64"))).map(ShippedTables.ShippedTable::resource).contains("6.12.txt");
        assertThat(tables.forLine(rel("6.8.0-45-generic"))).isEmpty();
        assertThat(tables.nearestOlder(rel("6.8.0-45-generic"))).map(ShippedTables.ShippedTable::resource).contains("6.1.txt");
        assertThat(tables.nearestOlder(rel("6.99.0"))).map(ShippedTables.ShippedTable::resource).contains("6.12.txt");
        assertThat(tables.nearestOlder(rel("8.0"))).map(ShippedTables.ShippedTable::resource).contains("7.3.txt");
        assertThat(tables.nearestOlder(rel("6.1.0"))).isEmpty();
    }

    @Test
    void malformedTablesAreRejectedWithTheLine() {
        String head = "# source: test\n";
        assertThatThrownBy(() -> ShippedTables.parse("6.1.txt", head + "1 A\n1 B\n"))
                .hasMessageContaining("6.1.txt:3");
        assertThatThrownBy(() -> ShippedTables.parse("6.1.txt", head + "1 A\n2 A\n"))
                .hasMessageContaining("repeated");
        assertThatThrownBy(() -> ShippedTables.parse("6.1.txt", head + "1 a-b\n"))
                .hasMessageContaining("expected 'NUMBER NAME'");
        assertThatThrownBy(() -> ShippedTables.parse("6.1.txt", "1 A\n"))
                .hasMessageContaining("source");
        assertThatThrownBy(() -> ShippedTables.parse("six.txt", head + "1 A\n"))
                .hasMessageContaining("MAJOR.MINOR");
        assertThatThrownBy(() -> ShippedTables.of(List.of(
                ShippedTables.parse("6.1.txt", head + "1 A\n"), ShippedTables.parse("6.1.txt", head + "1 B\n"))))
                .hasMessageContaining("two tables");
        assertThat(ShippedTables.parse("6.1.txt", head + "\n  0 NOT_DROPPED_YET  \n1 A\n").table().entries())
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(0L, "NOT_DROPPED_YET", 1L, "A")));
    }

    private static KernelRelease rel(String s) {
        return KernelRelease.parse(s).orElseThrow();
    }
}
