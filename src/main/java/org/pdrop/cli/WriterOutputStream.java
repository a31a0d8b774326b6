package org.pdrop.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Bytes into a {@link PrintWriter}, decoded as UTF-8 on flush: lets tests that capture output as
 * text run commands that write bytes. Not for real output (invalid UTF-8 would be replaced).
 */
final class WriterOutputStream extends OutputStream {
    private final PrintWriter out;
    private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

    WriterOutputStream(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void write(int b) {
        pending.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        pending.write(b, off, len);
    }

    @Override
    public void flush() {
        out.write(pending.toString(StandardCharsets.UTF_8));
        pending.reset();
        out.flush();
    }
}
