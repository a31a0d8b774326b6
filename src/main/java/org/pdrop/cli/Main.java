package org.pdrop.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.pdrop.ctf.MetadataPrefetch;
import org.pdrop.drops.DropAnalysis;
import picocli.CommandLine;
import picocli.CommandLine.IFactory;

/**
 * Entry point of {@code target/pdrop.jar}: builds the picocli command tree, makes analyze the
 * default command and exits with the command's {@link ExitCode}.
 */
public final class Main {
    /** Top-level options that may come before the command name. */
    private static final Set<String> TOP_OPTIONS = Set.of("--debug", "-h", "--help", "-V", "--version", "-hV", "-Vh");
    private static final Set<String> HELP_OR_VERSION = Set.of("-h", "--help", "-V", "--version", "-hV", "-Vh");

    private Main() {
    }

    public static void main(String[] args) {
        // Our own buffer: System.out flushes on every println, one write(2) per line of output.
        // UTF-8 regardless of locale, so strings from the trace come out as Babeltrace prints them.
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        PrintWriter out = new PrintWriter(new BufferedWriter(
                new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16));
        PrintWriter err = new PrintWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8), true);
        // The trace's metadata and kallsyms are read on threads of their own while picocli builds its model.
        Guess.of(args).prefetch();
        int status = execute(Services.defaults(), stdout, out, err, args);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /**
     * What a command line will most likely read, guessed before picocli parses it, so that the
     * trace's metadata ({@link MetadataPrefetch}) and, for an analysis, the kallsyms file
     * ({@link DropAnalysis#prefetchSymbols}) are read while picocli builds its model. A wrong
     * guess (an option's value that happens to be a trace folder, say) costs wasted work on
     * another thread, nothing more: the command reads what it decides to read.
     *
     * @param traces   the arguments that are not options, for a command that reads traces
     * @param analysis whether the command is the analysis (the default command, or {@code analyze})
     * @param kallsyms the {@code --kallsyms} value
     */
    record Guess(List<Path> traces, boolean analysis, Optional<Path> kallsyms) {
        static final Guess NOTHING = new Guess(List.of(), false, Optional.empty());

        static Guess of(String[] args) {
            List<Path> paths = new ArrayList<>();
            boolean commandSeen = false;
            boolean analysis = true;
            boolean endOfOptions = false;
            Optional<Path> kallsyms = Optional.empty();
            try {
                for (int i = 0; i < args.length; i++) {
                    String a = args[i];
                    if (a.equals("--") && !endOfOptions) {
                        endOfOptions = true;
                        commandSeen = true;
                        continue;
                    }
                    if (a.startsWith("-") && !endOfOptions) {
                        if (HELP_OR_VERSION.contains(a)) {
                            return NOTHING;
                        }
                        if (a.equals("--kallsyms") && i + 1 < args.length) {
                            kallsyms = Optional.of(Path.of(args[++i]));
                        } else if (a.startsWith("--kallsyms=")) {
                            kallsyms = Optional.of(Path.of(a.substring("--kallsyms=".length())));
                        }
                        continue;
                    }
                    if (!commandSeen) {
                        commandSeen = true;
                        if (a.equals("record") || a.equals("generate") || a.equals("help")) {
                            return NOTHING;
                        }
                        if (a.equals("analyze") || a.equals("dump")) {
                            analysis = a.equals("analyze");
                            continue;
                        }
                    }
                    paths.add(Path.of(a));
                }
            } catch (InvalidPathException e) {
                return NOTHING; // picocli will say what is wrong with it
            }
            return new Guess(List.copyOf(paths), analysis, kallsyms);
        }

        /** Starts the prefetches this guess calls for. */
        void prefetch() {
            if (analysis && (!traces.isEmpty() || kallsyms.isPresent())) {
                DropAnalysis.prefetchSymbols(kallsyms, traces);
            }
            if (!traces.isEmpty()) {
                MetadataPrefetch.start(traces);
            }
        }
    }

    /** Runs one command line as {@code pdrop} would; the entry point for tests. */
    public static int execute(Services services, PrintWriter out, PrintWriter err, String... args) {
        return execute(services, new WriterOutputStream(out), out, err, args);
    }

    /**
     * Runs one command line with standard output also as bytes ({@code rawOut}, for {@code dump},
     * whose output need not be UTF-8); {@code out} and {@code rawOut} end at the same place.
     */
    public static int execute(Services services, OutputStream rawOut, PrintWriter out, PrintWriter err,
                              String... args) {
        CommandLine cmd = newCommandLine(services, rawOut, out, err);
        try {
            return cmd.execute(withDefaultCommand(args, cmd.getSubcommands().keySet()));
        } catch (Throwable t) {
            // Errors (OutOfMemoryError, StackOverflowError) escape picocli's handlers.
            return ErrorHandler.report(t, err, Arrays.asList(args).contains("--debug"));
        } finally {
            out.flush();
        }
    }

    static CommandLine newCommandLine(Services services, PrintWriter out, PrintWriter err) {
        return newCommandLine(services, new WriterOutputStream(out), out, err);
    }

    static CommandLine newCommandLine(Services services, OutputStream rawOut, PrintWriter out, PrintWriter err) {
        ErrorHandler errors = new ErrorHandler();
        CommandLine cmd = new CommandLine(new PdropCommand(), new Factory(services, rawOut));
        // These setters apply to every subcommand, so they come after the tree is built.
        cmd.setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExpandAtFiles(false) // '@name' is a path, and Main's rewriting cannot look inside @files
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors)
                .setExitCodeExceptionMapper(errors);
        // 'pdrop record ping -c 3 host' needs no '--': options after COMMAND are COMMAND's.
        cmd.getSubcommands().get("record").setStopAtPositional(true);
        HelpSections.install(cmd);
        return cmd;
    }

    /**
     * Inserts {@code analyze} where the command name would be, unless one is there or help/version
     * is asked for: {@code pdrop --debug --summary T} becomes {@code pdrop --debug analyze --summary T}.
     * A trace folder named like a command must be written as a path ({@code ./dump}).
     */
    static String[] withDefaultCommand(String[] args, Set<String> commands) {
        int i = 0;
        while (i < args.length && TOP_OPTIONS.contains(args[i])) {
            if (HELP_OR_VERSION.contains(args[i])) {
                return args;
            }
            i++;
        }
        if (i < args.length && commands.contains(args[i])) {
            return args;
        }
        List<String> rewritten = new ArrayList<>(Arrays.asList(args));
        rewritten.add(i, "analyze");
        return rewritten.toArray(String[]::new);
    }

    /** Creates the commands with their services; everything else the default way. */
    private record Factory(Services services, OutputStream rawOut) implements IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == AnalyzeCommand.class) {
                return type.cast(new AnalyzeCommand(services.analyze(), rawOut));
            }
            if (type == DumpCommand.class) {
                return type.cast(new DumpCommand(services.dump(), rawOut));
            }
            if (type == RecordCommand.class) {
                return type.cast(new RecordCommand(services.record()));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
