package org.pdrop.ctf.metadata;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.pdrop.ctf.Diagnostics;
import org.pdrop.ctf.MetadataException;
import org.pdrop.ctf.UnsupportedCtfException;
import org.pdrop.ctf.ir.PassContext;
import org.pdrop.ctf.ir.Passes;
import org.pdrop.ctf.ir.TraceClass;

/**
 * Reads a CTF 1.8 {@code metadata} stream (§7.1) into a resolved, validated {@link TraceClass}:
 * unwraps packet-based metadata, parses the TSDL text ({@link Parser}), builds the IR
 * ({@link IrBuilder}) and runs the IR {@link Passes}.
 *
 * <p>Formats: packet-based metadata (first four bytes are 0x75D11D57 in either byte order, see
 * {@link MetadataPackets}); plain text, which should start with the {@code /* CTF 1.8} signature
 * (a missing signature is only a warning, a signature with another version an error); CTF 2 JSON
 * metadata (first byte 0x1E, a JSON text sequence) is recognised and refused with
 * {@link UnsupportedCtfException}.
 *
 * <p>Errors are {@link MetadataException}s naming the file and the line (and column, for syntax
 * errors): {@code Cannot parse metadata: file="…/metadata", line=12, column=5, reason="expecting `;`, …"}.
 * Unknown attributes and similar oddities go to the {@link Diagnostics} and reading goes on.
 */
public final class MetadataReader {
    private MetadataReader() {
    }

    /** Reads and resolves the metadata file of a trace. */
    public static TraceClass read(Path metadataFile, Diagnostics diag) {
        return read(readBytes(metadataFile), metadataFile.toString(), diag);
    }

    /** The bytes of a metadata file, or a {@link MetadataException} naming it. */
    public static byte[] readBytes(Path metadataFile) {
        try {
            return Files.readAllBytes(metadataFile);
        } catch (IOException e) {
            throw new MetadataException("Cannot read metadata: file=" + Problems.quote(metadataFile.toString())
                    + ", reason=" + Problems.quote(String.valueOf(e)), e);
        }
    }

    /** Reads and resolves metadata held in memory; {@code sourceName} is what error messages call it. */
    public static TraceClass read(byte[] raw, String sourceName, Diagnostics diag) {
        if (raw.length == 0) {
            throw new MetadataException("Cannot read metadata: file=" + Problems.quote(sourceName)
                    + ", line=1, reason=\"empty metadata\"");
        }
        if (raw[0] == 0x1E) {
            throw new UnsupportedCtfException("Cannot read metadata: file=" + Problems.quote(sourceName)
                    + ", reason=\"CTF 2 metadata is not supported yet\"");
        }
        if (MetadataPackets.isPacketized(raw)) {
            MetadataPackets.Unwrapped u = MetadataPackets.unwrap(raw, sourceName);
            return parse(u.text(), sourceName, diag, u.byteOrder());
        }
        String text = new String(raw, StandardCharsets.UTF_8);
        if (!text.startsWith("/* CTF")) {
            diag.warn("Missing `/* CTF 1.8` signature at the start of plain text metadata: file="
                    + Problems.quote(sourceName));
        }
        return parse(text, sourceName, diag, null);
    }

    /** Parses and resolves TSDL text (already unwrapped). */
    public static TraceClass parse(String text, String sourceName, Diagnostics diag) {
        return parse(text, sourceName, diag, null);
    }

    /** The TSDL text of packet-based metadata: the packets' contents concatenated. */
    public static String unwrap(byte[] raw, String sourceName) {
        return MetadataPackets.unwrap(raw, sourceName).text();
    }

    /**
     * @param packetOrder byte order of the metadata packet headers, which the trace's
     *                    {@code byte_order} must equal, or null for plain text
     */
    static TraceClass parse(String text, String sourceName, Diagnostics diag, ByteOrder packetOrder) {
        checkSignature(text, sourceName);
        Ast.Root root = Parser.parse(text, sourceName);
        IrBuilder.Result built = IrBuilder.build(root, sourceName, diag);
        if (packetOrder != null && built.trace().byteOrder() != packetOrder) {
            throw Problems.semantic("read metadata", sourceName, built.byteOrderLine(), "the trace's byte order ("
                    + name(built.trace().byteOrder()) + ") differs from the metadata packets' (" + name(packetOrder) + ")");
        }
        return Passes.apply(built.trace(), new PassContext(diag, built.source()));
    }

    private static String name(ByteOrder order) {
        return order == ByteOrder.BIG_ENDIAN ? "big-endian" : "little-endian";
    }

    /**
     * A text starting with {@code /* CTF} must go on with version 1.8, read like Babeltrace's
     * {@code "/* CTF %10u.%10u"}.
     */
    private static void checkSignature(String text, String source) {
        if (!text.startsWith("/* CTF")) {
            return;
        }
        int i = 6;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        int majorStart = i;
        while (i < text.length() && i - majorStart < 10 && Character.isDigit(text.charAt(i))) {
            i++;
        }
        String major = text.substring(majorStart, i);
        if (major.isEmpty() || i >= text.length() || text.charAt(i) != '.') {
            throw Problems.syntax(source, 1, 1, "malformed `/* CTF major.minor` signature");
        }
        i++;
        int minorStart = i;
        while (i < text.length() && i - minorStart < 10 && Character.isDigit(text.charAt(i))) {
            i++;
        }
        String minor = text.substring(minorStart, i);
        if (minor.isEmpty()) {
            throw Problems.syntax(source, 1, 1, "malformed `/* CTF major.minor` signature");
        }
        if (!major.equals("1") || !minor.equals("8")) {
            throw Problems.syntax(source, 1, 1, "unsupported metadata version " + major + "." + minor
                    + " in signature: expecting 1.8");
        }
    }
}
