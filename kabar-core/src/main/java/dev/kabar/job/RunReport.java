package dev.kabar.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kabar.pipeline.Counted;
import dev.kabar.pipeline.TermTally;
import dev.kabar.pipeline.TrustTally;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report of one run, written as JSON next to the state database
 * ({@code reports/<job>-run<id>.json}) and summarised in one line.
 *
 * @param job the job's name
 * @param jobFile the job file
 * @param runId the run's id in the state database
 * @param status completed (every article done), partial (some failed or quarantined, or inputs
 *     unreadable), or failed (the run stopped)
 * @param startedAt ISO instant
 * @param finishedAt ISO instant
 * @param seconds wall time
 * @param outputFolder where this run's chunks went
 * @param articles article counts
 * @param sentences sentence pairs in the articles translated
 * @param trust the verdicts of the sentences of the articles this run committed; null in a report
 *     written before kabar checked sentences
 * @param glossary the job's term list and its terms applied and met in the articles this run
 *     committed; null when the job has no glossary (and in a report written before glossaries)
 * @param translationMemory memory lookups, hits and hit rate
 * @param translator the translator as named in the job file
 * @param modelKey its identity, or null when it was never loaded
 * @param digest the digest written after the run ({@code outputs.digest}), or null
 * @param outputs the files this run committed
 * @param problems unreadable inputs and failed or quarantined articles
 * @param retentionDeleted old output folders deleted
 * @param interruptedRunsRecovered earlier runs found killed, and chunks of theirs rolled back
 * @param error why the run stopped, or null
 */
public record RunReport(String job, @JsonProperty("job_file") String jobFile, @JsonProperty("run_id") long runId,
        String status, @JsonProperty("started_at") String startedAt, @JsonProperty("finished_at") String finishedAt,
        double seconds, @JsonProperty("output_folder") String outputFolder, Articles articles, long sentences,
        Trust trust, GlossaryTerms glossary,
        @JsonProperty("translation_memory") Memory translationMemory, String translator,
        @JsonProperty("model_key") String modelKey, String digest,
        List<String> outputs, List<Problem> problems, @JsonProperty("retention_deleted") List<String> retentionDeleted,
        @JsonProperty("recovered") Recovery interruptedRunsRecovered, String error) {

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    /**
     * Article counts of a run.
     *
     * @param seen articles read from the inputs
     * @param unchanged skipped: done before with the same content
     * @param skippedQuarantined skipped: quarantined before with the same content
     * @param processed given to the translator this run
     * @param done committed to the outputs this run
     * @param failed failed this run, to be retried next run
     * @param quarantined failed this run for the last allowed time
     * @param notCommitted processed but not committed because the run stopped
     */
    public record Articles(int seen, int unchanged, @JsonProperty("skipped_quarantined") int skippedQuarantined,
            int processed, int done, int failed, int quarantined, @JsonProperty("not_committed") int notCommitted) {
    }

    /**
     * Translation-memory figures.
     *
     * @param lookups distinct sentences looked up
     * @param hits of them found in memory
     * @param hitRate hits / lookups, 0 when there were none
     * @param pruned entries deleted after the run by {@code retention.translation_memory_days}
     */
    public record Memory(long lookups, long hits, @JsonProperty("hit_rate") double hitRate, long pruned) {

        /** Figures from counts, nothing pruned. */
        public static Memory of(long lookups, long hits) {
            return of(lookups, hits, 0);
        }

        /** Figures from counts. */
        public static Memory of(long lookups, long hits, long pruned) {
            return new Memory(lookups, hits, lookups == 0 ? 0 : (double) hits / lookups, pruned);
        }
    }

    /**
     * The sentence verdicts of a run: the sums of its committed articles' {@code stats}.
     *
     * @param checked sentences whose English was checked
     * @param suspect of those, sentences whose English kept is suspect
     * @param suspectReasons suspect sentences by reason code ({@code {"numbers": 2}}); a sentence with
     *     two reasons counts under both
     * @param passedThrough sentences kept as they are because they are English
     * @param secondTries sentences translated a second time with stricter settings
     * @param secondTriesKept of those, sentences whose second attempt was kept
     */
    // The order written, stated: Jackson before 2.16 (Spark 3.5's) puts annotated record components first.
    @JsonPropertyOrder({"checked", "suspect", "suspect_reasons", "passed_through", "second_tries", "second_tries_kept"})
    public record Trust(long checked, long suspect, @JsonProperty("suspect_reasons") Map<String, Long> suspectReasons,
            @JsonProperty("passed_through") long passedThrough, @JsonProperty("second_tries") long secondTries,
            @JsonProperty("second_tries_kept") long secondTriesKept) {

        /** Copies the reason counts, keeping their order. */
        public Trust {
            suspectReasons = suspectReasons == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(suspectReasons));
        }

        /** The figures of a tally. */
        public static Trust of(TrustTally tally) {
            Map<String, Long> reasons = new LinkedHashMap<>();
            tally.reasons().forEach((code, count) -> reasons.put(code.code(), count));
            return new Trust(tally.checked(), tally.suspect(), reasons, tally.passedThrough(), tally.secondTries(),
                    tally.secondKept());
        }

        /** The figures in words, as {@code kabar translate} says them ({@link TrustTally#describe()}). */
        public String describe() {
            return TrustTally.describe(checked, suspect, suspectReasons, passedThrough, secondTries, secondTriesKept);
        }
    }

    /**
     * The glossary terms of a run: the sums of its committed articles' {@code stats.terms_applied}
     * and {@code stats.terms_met}.
     *
     * @param file the term list, as resolved from the job file
     * @param termsApplied term uses: a term found in a sentence counts once for that sentence
     * @param termsMet of those, the uses whose English has the term
     */
    @JsonPropertyOrder({"file", "terms_applied", "terms_met"})
    public record GlossaryTerms(String file, @JsonProperty("terms_applied") long termsApplied,
            @JsonProperty("terms_met") long termsMet) {

        /** The figures of a tally. */
        public static GlossaryTerms of(String file, TermTally tally) {
            return new GlossaryTerms(file, tally.applied(), tally.met());
        }

        /** The figures in words, as {@code kabar translate} says them ({@link TermTally#describe()}). */
        public String describe() {
            return TermTally.describe(termsApplied, termsMet);
        }
    }

    /**
     * Something that did not go through.
     *
     * @param kind read (an input or record could not be read), failed or quarantined
     * @param key the article key, or null for a read problem
     * @param origin the file (and record) it came from
     * @param attempts failing runs so far
     * @param error the reason
     */
    public record Problem(String kind, String key, String origin, int attempts, String error) {
    }

    /**
     * What the run cleaned up after earlier ones.
     *
     * @param killedRuns runs found still marked running (their process died)
     * @param abandonedChunks uncommitted chunks whose files were deleted
     */
    public record Recovery(@JsonProperty("killed_runs") int killedRuns,
            @JsonProperty("abandoned_chunks") int abandonedChunks) {
    }

    /** The report as indented JSON. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a run report cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /** Reads a report back. */
    public static RunReport fromJson(String json) throws java.io.IOException {
        return JSON.readValue(json, RunReport.class);
    }

    /** The one-line summary printed at the end of a run. */
    public String summaryLine() {
        StringBuilder line = new StringBuilder();
        line.append("kabar: job ").append(job).append(" run ").append(runId).append(' ').append(status).append(": ")
                .append(Counted.of(articles.processed(), "article")).append(" processed (").append(articles.done()).append(" done, ")
                .append(articles.failed()).append(" failed, ").append(articles.quarantined()).append(" quarantined), ")
                .append(articles.unchanged()).append(" unchanged skipped");
        if (articles.skippedQuarantined() > 0) {
            line.append(", ").append(articles.skippedQuarantined()).append(" quarantined skipped");
        }
        // Over the whole run, model loading included: the report keeps no translation time of its own.
        line.append(String.format(Locale.ROOT, ", %s translated, memory hits %.0f%% (%d/%d), %.1f s (%.1f sentences/s), outputs in %s",
                Counted.of(sentences, "sentence"), translationMemory.hitRate() * 100, translationMemory.hits(),
                translationMemory.lookups(), seconds, seconds > 0 ? sentences / seconds : 0.0, outputFolder));
        if (trust != null) {
            line.append("; ").append(trust.describe());
        }
        if (glossary != null) {
            line.append("; ").append(glossary.describe());
        }
        if (error != null) {
            line.append("; stopped: ").append(error);
        }
        return line.toString();
    }
}
