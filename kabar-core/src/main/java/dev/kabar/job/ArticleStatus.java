package dev.kabar.job;

import java.util.Locale;

/** Where an article stands in the state database. */
public enum ArticleStatus {
    /** Translated and committed to an output chunk; skipped while its content is unchanged. */
    DONE,
    /** Failed in its last run; retried by the next run until it reaches the attempt limit. */
    FAILED,
    /** Failed in as many runs as the job allows; skipped, with its last error, until its content changes. */
    QUARANTINED;

    /** The name stored in the database: lower case. */
    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a stored name. */
    public static ArticleStatus fromDb(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
