package dev.kabar.article;

import java.util.List;

/**
 * The decoded text of one input, ready for an {@link ArticleReader}.
 *
 * @param origin the file path or {@code stdin}, for messages and article origins
 * @param text the text, without byte order mark
 * @param warnings what decoding had to assume (e.g. Windows-1252 instead of UTF-8); copied to every article read
 * @param key where the file is, as a stable name: its path relative to the folder the run is
 *     anchored to (a job file's folder, or the working directory), with {@code /} separators; null
 *     for standard input. A page without a URL is known by it, so an edited page keeps its identity.
 */
public record InputText(String origin, String text, List<String> warnings, String key) {

    /** Copies the warnings. */
    public InputText {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** Text with no location key (standard input, tests). */
    public InputText(String origin, String text, List<String> warnings) {
        this(origin, text, warnings, null);
    }

    /** Returns a copy with the given location key. */
    public InputText withKey(String value) {
        return new InputText(origin, text, warnings, value);
    }

    /** Text that needed no assumption, as tests and callers holding a string have it. */
    public static InputText of(String origin, String text) {
        return new InputText(origin, text, List.of());
    }
}
