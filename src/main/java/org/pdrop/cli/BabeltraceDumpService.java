package org.pdrop.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import org.pdrop.lttng.LttngIndexProvider;

/** {@code pdrop dump} wired to the Babeltrace-compatible printer, with LTTng index files. */
final class BabeltraceDumpService implements DumpService {
    @Override
    public ExitCode dump(DumpConfig config, OutputStream out, PrintWriter err) {
        LttngIndexProvider index = new LttngIndexProvider(m -> err.println("WARNING: " + m));
        new org.pdrop.dump.DumpService(config.zone(), index, true).print(config.traces(), out, err);
        return ExitCode.OK;
    }
}
