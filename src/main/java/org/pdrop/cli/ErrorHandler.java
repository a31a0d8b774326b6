package org.pdrop.cli;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pdrop.ctf.CtfException;
import org.pdrop.record.RecordException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The one place that turns failures into a message and an {@link ExitCode}.
 *
 * <p>Every failure prints one line, {@code pdrop: <message chain joined with ": ">}, on standard
 * error (Babeltrace's {@code print_error_causes()} idea, STYLE.md §4). Usage errors add one hint
 * line. The stack trace is printed only with {@code --debug}.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IExitCodeExceptionMapper,
        IParameterExceptionHandler {

    /** First match wins, walking the cause chain from the outermost exception inwards. */
    private static final Map<Class<? extends Throwable>, ExitCode> EXIT_CODES = new LinkedHashMap<>();

    static {
        EXIT_CODES.put(ParameterException.class, ExitCode.USAGE);
        EXIT_CODES.put(UnreadableInputException.class, ExitCode.BAD_INPUT);
        EXIT_CODES.put(CtfException.class, ExitCode.BAD_INPUT);
        EXIT_CODES.put(org.pdrop.symbols.SymbolsException.class, ExitCode.BAD_INPUT);
        EXIT_CODES.put(RecordException.class, ExitCode.TRACER_FAILURE);
        // TODO(live): its relayd exception type maps to ExitCode.TRACER_FAILURE here.
        EXIT_CODES.put(IOException.class, ExitCode.BAD_INPUT);
        EXIT_CODES.put(UncheckedIOException.class, ExitCode.BAD_INPUT);
    }

    @Override
    public int getExitCode(Throwable exception) {
        return exitCode(exception).code();
    }

    static ExitCode exitCode(Throwable exception) {
        for (Throwable t : chain(exception)) {
            if (t instanceof InterruptedException || t instanceof ClosedByInterruptException
                    || (t instanceof InterruptedIOException && !(t instanceof java.net.SocketTimeoutException))) {
                return ExitCode.INTERRUPTED;
            }
        }
        for (Throwable t : chain(exception)) {
            for (Map.Entry<Class<? extends Throwable>, ExitCode> e : EXIT_CODES.entrySet()) {
                if (e.getKey().isInstance(t)) {
                    return e.getValue();
                }
            }
        }
        return ExitCode.INTERNAL_ERROR;
    }

    /** Bad command line: picocli's message (plus "did you mean"), then a short hint. Never a stack trace. */
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        if (!(ex instanceof UnmatchedArgumentException) && !cmd.getUnmatchedArguments().isEmpty()) {
            // 'pdrop --bogus' is missing TRACE too, but the unknown option is the mistake to report.
            ex = new UnmatchedArgumentException(cmd, cmd.getUnmatchedArguments());
        }
        String message = ex.getMessage();
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            message += " (did you mean " + unmatched.getSuggestions().stream().limit(3)
                    .map(s -> "'" + s + "'").collect(Collectors.joining(" or ")) + "?)";
        }
        err.println("pdrop: " + oneLine(message));
        err.println("Try '" + helpCommand(cmd) + "' for more information.");
        err.flush();
        return ExitCode.USAGE.code();
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        return report(ex, cmd.getErr(), isDebug(cmd));
    }

    /** Prints {@code failure} as described in the class comment and returns the exit status. */
    static int report(Throwable failure, PrintWriter err, boolean debug) {
        if (!debug && readerWentAway(failure)) {
            // 'pdrop ... | head': the reader has what it wanted; as with cat, nothing to report.
            return ExitCode.OK.code();
        }
        ExitCode code = exitCode(failure);
        if (debug) {
            failure.printStackTrace(err);
        }
        if (code == ExitCode.INTERNAL_ERROR) {
            err.println("pdrop: internal error: " + message(failure, true)
                    + (debug ? "" : "; run with --debug for the stack trace"));
        } else if (code == ExitCode.INTERRUPTED) {
            err.println("pdrop: interrupted");
        } else {
            err.println("pdrop: " + message(failure, false));
        }
        err.flush();
        return code.code();
    }

    /** Whether standard output was closed by its reader (EPIPE). */
    static boolean readerWentAway(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof IOException && "Broken pipe".equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The message chain on one line. Wrappers whose message is just their cause's
     * {@code toString()} (as {@code new RuntimeException(cause)} makes) are skipped.
     *
     * @param withTypes also name the type of exceptions that are not pdrop's or I/O errors, which
     *     is what an internal error needs to be recognisable
     */
    static String message(Throwable failure, boolean withTypes) {
        List<String> parts = new ArrayList<>();
        for (Throwable t : chain(failure)) {
            Throwable cause = t.getCause();
            String msg = t.getMessage();
            if (cause != null && msg != null && msg.equals(cause.toString())) {
                continue;
            }
            String part;
            if (t instanceof FileSystemException fse) {
                part = "Cannot read file: path=" + quote(String.valueOf(fse.getFile()))
                        + ", reason=" + quote(reason(fse));
            } else if (msg == null || msg.isBlank()) {
                part = t.getClass().getSimpleName();
            } else if (withTypes && !isExplained(t)) {
                part = t.getClass().getSimpleName() + ": " + msg;
            } else {
                part = msg;
            }
            if (parts.isEmpty() || !parts.get(parts.size() - 1).endsWith(part)) {
                parts.add(part);
            }
        }
        return oneLine(String.join(": ", parts));
    }

    /** Exceptions whose message is written for users: pdrop's own and I/O errors. */
    private static boolean isExplained(Throwable t) {
        return t.getClass().getName().startsWith("org.pdrop.") || t instanceof IOException
                || t instanceof UncheckedIOException;
    }

    /** A short, lower-case reason for an I/O failure, like strerror's. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /** {@code "text"} with backslash escapes, so a value never breaks the one-line format. */
    static String quote(String text) {
        StringBuilder b = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static boolean isDebug(CommandLine cmd) {
        CommandLine root = cmd;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root.getCommand() instanceof PdropCommand pdrop && pdrop.debug();
    }

    /**
     * The help to point at: {@code pdrop --help} for the top level and for analyze (whose options
     * the top-level help lists, as {@code pdrop TRACE} is analyze), else {@code pdrop CMD --help}.
     */
    private static String helpCommand(CommandLine cmd) {
        if (cmd.getParent() == null || cmd.getCommand() instanceof AnalyzeCommand) {
            return "pdrop --help";
        }
        return cmd.getCommandSpec().qualifiedName() + " --help";
    }
}
