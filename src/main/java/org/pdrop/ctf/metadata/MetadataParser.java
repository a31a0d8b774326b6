package org.pdrop.ctf.metadata;

import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.ir.TraceClass;

/**
 * Incremental metadata reading, for live sessions where the metadata stream grows (CTF 1.8 §7.1):
 * {@link #append} takes TSDL text as it arrives and says whether the text so far ends at the end of a
 * top-level declaration; {@link #traceClass} then builds the trace class from everything appended.
 * Like Babeltrace's {@code ctf_metadata_decoder_append_content}, a text cut inside a block, a comment
 * or a string is {@link Status#INCOMPLETE}.
 *
 * <p>Each {@link #traceClass} call parses the whole text again: metadata is small (hundreds of KB for
 * a kernel trace with all events), so this stays simple.
 */
public final class MetadataParser {

    /** Whether the text appended so far can be parsed. */
    public enum Status {
        /** Cut inside a declaration, block, comment or literal: wait for more. */
        INCOMPLETE,
        /** Ends after a complete top-level declaration. */
        COMPLETE
    }

    private final String sourceName;
    private final Diagnostics diag;
    private final StringBuilder text = new StringBuilder();
    // scanner state carried from one chunk to the next
    private int depth;
    private boolean inBlockComment;
    private boolean inLineComment;
    private char inLiteral;
    private boolean escape;
    private char previous;
    private char lastSignificant;

    public MetadataParser(String sourceName, Diagnostics diag) {
        this.sourceName = sourceName;
        this.diag = diag;
    }

    /** Appends the next piece of TSDL text. */
    public Status append(String chunk) {
        text.append(chunk);
        for (int i = 0; i < chunk.length(); i++) {
            scan(chunk.charAt(i));
        }
        return status();
    }

    public Status status() {
        boolean complete = depth == 0 && !inBlockComment && inLiteral == 0 && lastSignificant == ';'
                && (inLineComment || previous != '/'); // a trailing `/` may start a comment
        return complete ? Status.COMPLETE : Status.INCOMPLETE;
    }

    /** The trace class described by all text appended so far. */
    public TraceClass traceClass() {
        if (status() != Status.COMPLETE) {
            throw new IllegalStateException("metadata text is incomplete: " + sourceName);
        }
        return MetadataReader.parse(text.toString(), sourceName, diag);
    }

    private void scan(char c) {
        char prev = previous;
        previous = c;
        if (inLineComment) {
            if (c == '\n') {
                inLineComment = false;
            }
            return;
        }
        if (inBlockComment) {
            if (prev == '*' && c == '/') {
                inBlockComment = false;
                previous = 0;
            }
            return;
        }
        if (inLiteral != 0) {
            if (escape) {
                escape = false;
            } else if (c == '\\') {
                escape = true;
            } else if (c == inLiteral) {
                inLiteral = 0;
                lastSignificant = c;
            }
            return;
        }
        if (prev == '/' && c == '*') {
            inBlockComment = true;
            previous = 0;
            return;
        }
        if (prev == '/' && c == '/') {
            inLineComment = true;
            return;
        }
        switch (c) {
            case '"':
            case '\'':
                inLiteral = c;
                return;
            case '{':
                depth++;
                break;
            case '}':
                depth--;
                break;
            default:
                break;
        }
        if (!Character.isWhitespace(c) && c != '/') {
            lastSignificant = c;
        }
    }
}
