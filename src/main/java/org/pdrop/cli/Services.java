package org.pdrop.cli;

import java.util.Objects;

/**
 * The services the commands call: the one place where the CLI is wired to the rest of pdrop.
 * Tests pass their own instances to {@link Main#execute}.
 */
public record Services(AnalyzeService analyze, DumpService dump, RecordService record) {
    public Services {
        Objects.requireNonNull(analyze, "analyze");
        Objects.requireNonNull(dump, "dump");
        Objects.requireNonNull(record, "record");
    }

    /** With {@code pdrop record} on this host. */
    public Services(AnalyzeService analyze, DumpService dump) {
        this(analyze, dump, RecordService.SYSTEM);
    }

    /** What {@code pdrop} runs with. */
    public static Services defaults() {
        return new Services(new DropAnalysisService(), new BabeltraceDumpService(), RecordService.SYSTEM);
    }
}
