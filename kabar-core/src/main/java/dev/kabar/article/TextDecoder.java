package dev.kabar.article;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns the bytes of an input into text: UTF-8 with or without byte order mark, UTF-16 with a
 * byte order mark, and, for files that are not valid UTF-8, Windows-1252 (the usual encoding of
 * older Indonesian Windows exports) with a warning. Empty and binary inputs are refused with a
 * problem, because reading them as text would only produce garbage articles. Thread-safe.
 */
public final class TextDecoder {

    /** Above this share of control characters in the first bytes, an input is binary, not text. */
    static final double MAX_CONTROL_SHARE = 0.05;
    private static final int SNIFF_BYTES = 8192;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextDecoder() {
    }

    /**
     * The outcome of decoding: text, or the problem that kept the input from being text.
     *
     * @param text the decoded text, or null
     * @param problem why the input was refused, or null
     */
    public record Decoding(InputText text, ReadProblem problem) {
    }

    /** Decodes the bytes of the input named {@code origin}. */
    public static Decoding decode(byte[] bytes, String origin) {
        int start = 0;
        Charset charset = null;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            start = 3;
        } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff) {
            charset = StandardCharsets.UTF_16BE;
            start = 2;
        } else if (bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe) {
            charset = StandardCharsets.UTF_16LE;
            start = 2;
        }
        if (charset != null) {
            return text(origin, new String(bytes, start, bytes.length - start, charset), List.of());
        }
        if (isBlank(bytes, start)) {
            return new Decoding(null, new ReadProblem(origin, null,
                    "empty file: there is no text to read; remove it from the input or fill it"));
        }
        String binary = binaryReason(bytes, start);
        if (binary != null) {
            return new Decoding(null, new ReadProblem(origin, null, "binary file (" + binary
                    + "), not text; skipped it; pass only text, CSV or JSON files, or exclude it with a glob"));
        }
        int bad = firstInvalidUtf8(bytes, start);
        if (bad < 0) {
            return text(origin, new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8), List.of());
        }
        int line = 1;
        for (int i = start; i < bad; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        Charset fallback = decodesStrictly(bytes, start, WINDOWS_1252) ? WINDOWS_1252 : StandardCharsets.ISO_8859_1;
        String warning = "not valid UTF-8 (first bad byte 0x" + Integer.toHexString(bytes[bad] & 0xff) + " on line "
                + line + "); read it as " + fallback.name() + "; check its accented letters, or save it as UTF-8";
        return text(origin, new String(bytes, start, bytes.length - start, fallback), List.of(warning));
    }

    private static Decoding text(String origin, String text, List<String> warnings) {
        return new Decoding(new InputText(origin, text, warnings), null);
    }

    private static boolean isBlank(byte[] bytes, int start) {
        for (int i = start; i < bytes.length; i++) {
            if (!Character.isWhitespace(bytes[i])) {
                return false;
            }
        }
        return true;
    }

    private static String binaryReason(byte[] bytes, int start) {
        int end = Math.min(bytes.length, start + SNIFF_BYTES);
        int control = 0;
        for (int i = start; i < end; i++) {
            int b = bytes[i] & 0xff;
            if (b == 0) {
                return "it holds NUL bytes, first at byte " + i;
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1b) {
                control++;
            }
        }
        double share = (double) control / Math.max(1, end - start);
        return share > MAX_CONTROL_SHARE ? String.format("%.0f%% of its first bytes are control characters", 100 * share)
                : null;
    }

    /** Returns the offset of the first byte that breaks UTF-8, or -1 when all of it is valid. */
    private static int firstInvalidUtf8(byte[] bytes, int start) {
        int i = start;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            int length;
            if (b < 0x80) {
                length = 1;
            } else if (b >= 0xc2 && b <= 0xdf) {
                length = 2;
            } else if (b >= 0xe0 && b <= 0xef) {
                length = 3;
            } else if (b >= 0xf0 && b <= 0xf4) {
                length = 4;
            } else {
                return i;
            }
            if (i + length > bytes.length) {
                return i;
            }
            for (int k = 1; k < length; k++) {
                if ((bytes[i + k] & 0xc0) != 0x80) {
                    return i;
                }
            }
            i += length;
        }
        return decodesStrictly(bytes, start, StandardCharsets.UTF_8) ? -1 : start;
    }

    private static boolean decodesStrictly(byte[] bytes, int start, Charset charset) {
        try {
            charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
