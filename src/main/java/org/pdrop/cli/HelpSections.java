package org.pdrop.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Help layout: analyze's options grouped by mixin under headings, in both {@code pdrop analyze
 * --help} and {@code pdrop --help} (analyze is the default command, so the top help shows what
 * {@code pdrop TRACE...} accepts), and the exit codes of {@link ExitCode} in every command's help.
 */
final class HelpSections {
    private static final String ANALYZE_OPTIONS = "analyzeOptions";
    /** Mixin field names in {@link AnalyzeCommand}, with their headings. */
    private static final Map<String, String> GROUPS = Map.of("input", "%nInput:%n",
            "output", "%nOutput:%n", "filter", "%nFilters (a list or a repeated option means any of them):%n");
    private static final List<String> GROUP_ORDER = List.of("input", "output", "filter");

    private HelpSections() {
    }

    static void install(CommandLine top) {
        for (CommandLine cmd : List.of(top, top.getSubcommands().get("analyze"), top.getSubcommands().get("dump"),
                top.getSubcommands().get("record"))) {
            cmd.getCommandSpec().usageMessage()
                    .exitCodeListHeading("%nExit codes:%n")
                    .exitCodeList(ExitCode.helpList());
        }

        CommandLine analyze = top.getSubcommands().get("analyze");
        analyze.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, help -> "");
        analyze.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST_HEADING, help -> "");
        analyze.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
                help -> render(help, true));

        List<String> keys = new ArrayList<>(top.getHelpSectionKeys());
        keys.add(keys.indexOf(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST) + 1, ANALYZE_OPTIONS);
        top.setHelpSectionKeys(keys);
        top.getHelpSectionMap().put(ANALYZE_OPTIONS, help -> String.format(
                "%nAnalyze options ('pdrop TRACE...' is 'pdrop analyze TRACE...'):%n")
                + render(help.subcommands().get("analyze"), false));
    }

    /** Analyze's parameters and options by mixin; {@code withOthers}: also -h, -V and --debug. */
    private static String render(Help help, boolean withOthers) {
        CommandSpec spec = help.commandSpec();
        List<OptionSpec> allOptions = new ArrayList<>(spec.options());
        List<PositionalParamSpec> allParams = spec.positionalParameters();
        // A Layout accumulates rows, so each section gets its own; sizing each from all
        // arguments keeps the description column aligned across sections.
        Supplier<Help.Layout> layout = () -> help.createDefaultLayout(spec.options(), allParams, help.colorScheme());
        Help.IParamLabelRenderer labels = help.createDefaultParamLabelRenderer();
        StringBuilder b = new StringBuilder();
        for (String group : GROUP_ORDER) {
            CommandSpec mixin = spec.mixins().get(group);
            List<OptionSpec> options = new ArrayList<>();
            for (OptionSpec o : mixin.options()) {
                options.add(spec.findOption(o.longestName()));
            }
            allOptions.removeAll(options);
            b.append(String.format(GROUPS.get(group)));
            b.append(help.parameterList(spec.positionalParameters().stream()
                    .filter(p -> mixin.positionalParameters().stream()
                            .anyMatch(m -> m.paramLabel().equals(p.paramLabel())))
                    .toList(), layout.get(), labels));
            b.append(help.optionListExcludingGroups(options, layout.get(), null, labels));
        }
        if (withOthers && !allOptions.isEmpty()) {
            b.append(String.format("%nOther:%n"));
            b.append(help.optionListExcludingGroups(allOptions, layout.get(), null, labels));
        }
        return b.toString();
    }
}
