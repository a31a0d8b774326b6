package org.pdrop.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top command. {@link Main} makes analyze the default, so this command's own
 * {@link #call()} only runs when it is used without {@link Main}'s argument rewriting.
 */
@Command(name = "pdrop", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, optionListHeading = "%nOptions:%n",
        commandListHeading = "%nCommands:%n",
        subcommands = {AnalyzeCommand.class, DumpCommand.class, RecordCommand.class, GenerateCommand.class,
            HelpCommand.class},
        customSynopsis = {
            "pdrop [--debug] [ANALYZE-OPTIONS] TRACE...",
            "       pdrop [--debug] COMMAND [OPTIONS] [ARGS...]",
            "       pdrop (-h | --help | -V | --version)"},
        description = "Finds where the Linux kernel dropped network packets, from LTTng kernel traces.")
public final class PdropCommand implements Callable<Integer> {
    // INHERIT: accepted before or after the command name; every copy sets this field.
    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error, not just its one-line message.")
    private boolean debug;

    @Spec
    CommandSpec spec;

    boolean debug() {
        return debug;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Missing required parameter: 'TRACE'");
    }
}
