package dev.kabar.article;

import java.util.List;

/**
 * The decoded text of one input, ready for an {@link ArticleReader}.
 *
 * @param origin the file path or {@code stdin}, for messages and article origins
 * @param text the text, without byte order mark
 * @param warnings what decoding had to assume (e.g. Windows-1252 instead of UTF-8); copied to every article read
 */
public record InputText(String origin, String text, List<String> warnings) {

    /** Copies the warnings. */
    public InputText {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Text that needed no assumption, as tests and callers holding a string have it. */
    public static InputText of(String origin, String text) {
        return new InputText(origin, text, List.of());
    }
}
