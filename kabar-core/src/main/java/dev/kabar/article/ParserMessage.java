package dev.kabar.article;

import com.fasterxml.jackson.core.JacksonException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a JSON or YAML parse error as a user should read it: what is wrong, without the
 * parser's internals.
 *
 * <p>Jackson's messages end in hints for programmers ("enable {@code JsonReadFeature.…} to allow",
 * "from {@code StreamReadConstraints.getMaxNumberLength()}", "but could if coercion was enabled
 * using {@code CoercionConfig}"), a source description ({@code [Source: REDACTED …]}) and Java type
 * names. None of them helps someone fixing a news export, so they are dropped or said in words.
 */
public final class ParserMessage {

    /** Hints addressed to whoever configures the parser, not to whoever wrote the file. */
    private static final Pattern[] INTERNALS = {
        Pattern.compile(":?\\s*\\(?\\s*(?:enable|but could if)[^()]*?`[^`]+`[^()]*?\\)?(?=$|[;.])"),
        Pattern.compile(",\\s*from `[^`]+`"),
        Pattern.compile("\\s*\\((?:not recognized as one since )?Feature '[^']+'[^)]*\\)"),
        Pattern.compile("\\s*at \\[Source:[^\\]]*\\]"),
        Pattern.compile("\\s*\\(through reference chain:[^)]*\\)"),
    };

    /** "Cannot deserialize value of type `int` from String "x": not a valid `int` value" and the like. */
    private static final Pattern WRONG_TYPE = Pattern.compile(
            "^Cannot (?:deserialize value of type|construct instance of) (`[^`]+`)(?: \\([^)]*\\))? from (.+?)(?:: .*)?$");

    /** "Cannot coerce empty String ("") to `int` value". */
    private static final Pattern COERCE = Pattern.compile("^Cannot coerce (.+?) to (`[^`]+`) value.*$");

    private static final Pattern JAVA_TYPE = Pattern.compile("`([\\w.$]+)(?:<[^`]*>)?`");

    private static final Map<String, String> TYPE_WORDS = Map.ofEntries(
            Map.entry("String", "text"), Map.entry("Integer", "a whole number"), Map.entry("int", "a whole number"),
            Map.entry("Long", "a whole number"), Map.entry("long", "a whole number"), Map.entry("Double", "a number"),
            Map.entry("double", "a number"), Map.entry("Float", "a number"), Map.entry("Boolean", "true or false"),
            Map.entry("boolean", "true or false"), Map.entry("List", "a list"), Map.entry("ArrayList", "a list"),
            Map.entry("Map", "a mapping"), Map.entry("LinkedHashMap", "a mapping"));

    private ParserMessage() {
    }

    /** Returns the first line of the error's message, stripped of parser internals. */
    public static String plain(JacksonException e) {
        String original = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        return plain(original);
    }

    /** Returns the first line of a parser's message, stripped of parser internals. */
    public static String plain(String message) {
        String text = message.lines().findFirst().orElse("").strip();
        for (Pattern internal : INTERNALS) {
            text = internal.matcher(text).replaceAll("");
        }
        Matcher wrong = WRONG_TYPE.matcher(text);
        if (wrong.matches()) {
            text = "expected " + wrong.group(1) + ", found " + found(wrong.group(2));
        }
        Matcher coerce = COERCE.matcher(text);
        if (coerce.matches()) {
            text = "expected " + coerce.group(2) + ", found " + found(coerce.group(1));
        }
        Matcher type = JAVA_TYPE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (type.find()) {
            String name = type.group(1);
            String simple = name.substring(name.lastIndexOf('.') + 1);
            String word = TYPE_WORDS.getOrDefault(simple, name.startsWith("dev.kabar.") || name.startsWith("java.")
                    ? "a mapping" : simple);
            type.appendReplacement(out, Matcher.quoteReplacement(word));
        }
        type.appendTail(out);
        return out.toString().strip();
    }

    /** Jackson names the JSON value it found by its Java shape ("String \"x\"", "empty String (\"\")"). */
    private static String found(String what) {
        return what.replace("empty String (\"\")", "empty text").replaceFirst("^String value \\((.*)\\)$", "text $1")
                .replace("String ", "text ")
                .replace("Array value (token `JsonToken.START_ARRAY`)", "a list")
                .replace("Object value (token `JsonToken.START_OBJECT`)", "a mapping");
    }
}
