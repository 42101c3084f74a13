package dev.kabar.pipeline;

import java.util.Locale;

/** A count with its noun in the right number, for messages: {@code 1 article}, {@code 2 articles}. */
public final class Counted {

    private Counted() {
    }

    /** Returns {@code n} and the noun, adding "s" for any count but one: {@code of(1, "article")} is {@code 1 article}. */
    public static String of(long n, String singular) {
        return of(n, singular, singular + "s");
    }

    /** Returns {@code n} and {@code singular} when it is one, else {@code plural}: {@code of(2, "summary", "summaries")}. */
    public static String of(long n, String singular, String plural) {
        return String.format(Locale.ROOT, "%d %s", n, n == 1 ? singular : plural);
    }
}
