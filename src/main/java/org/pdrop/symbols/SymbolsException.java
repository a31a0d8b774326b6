package org.pdrop.symbols;

/**
 * A symbol file that cannot be read, parsed or used. Messages follow the project's grammar:
 * {@code Cannot parse kallsyms: file="...", line=12, text="..."}.
 */
public class SymbolsException extends RuntimeException {
    public SymbolsException(String message) {
        super(message);
    }

    public SymbolsException(String message, Throwable cause) {
        super(message, cause);
    }
}
