package dev.kabar.job;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A job file as written: what {@code jobs/<name>.yaml} holds, key for key (Hugging Face names for
 * generation settings, snake_case elsewhere). {@link JobFiles#load} reads it strictly and checks
 * it; null means "not given", and the defaults live in the accessors of the parts.
 *
 * @param name the job's name in the state database and reports; default: the file name without {@code .yaml}
 * @param inputs what to read; at least one
 * @param models the translator, and optionally a summariser
 * @param generation generation settings under their Hugging Face names (over the checkpoint's
 *     {@code generation_config.json})
 * @param batching batch sizes and the sentence-splitting limit
 * @param outputs where and how to write
 * @param retention how long to keep old output folders
 * @param state where the state database is and how often an article is retried
 * @param trust language detection, the confidence threshold and second tries of suspect sentences
 * @param glossary a term list ({@code terms.csv}, docs/glossaries.md) whose terms are forced into the
 *     English of the sentences that contain them, relative to the job file's folder; none when absent
 */
public record JobSpec(String name, List<Input> inputs, Models models, Map<String, Object> generation, Batching batching,
        Outputs outputs, Retention retention, State state, Trust trust, String glossary) {

    /**
     * One input.
     *
     * @param path a file, a folder (read recursively) or a glob such as {@code data/*.txt}
     * @param format auto, text, csv, json, jsonl or lines; default auto (by extension)
     * @param include globs a file in a folder must match
     * @param exclude globs that leave a file of a folder out
     * @param fields which CSV column or JSON field holds each part of an article
     * @param csvDelimiter one character, or {@code tab}; default detected
     * @param csvHeader auto, yes or no; default auto
     * @param dateOrder auto, day-first or month-first; default auto
     */
    public record Input(String path, String format, List<String> include, List<String> exclude, Fields fields,
            @JsonProperty("csv_delimiter") String csvDelimiter, @JsonProperty("csv_header") String csvHeader,
            @JsonProperty("date_order") String dateOrder) {
    }

    /**
     * Field mapping of CSV and JSON inputs; null entries look for the usual names.
     *
     * @param id the article id
     * @param title the headline
     * @param body the text
     * @param date the publication date
     * @param url the address
     * @param category the section
     */
    public record Fields(String id, String title, String body, String date, String url, String category) {
    }

    /**
     * The models of a job: each a checkpoint folder, or a hub id pinned to a revision
     * ({@code org/name@revision}).
     *
     * @param translator the Indonesian-to-English model; required
     * @param summariser a summarisation model, recorded and checked, not yet run by {@code kabar run}
     * @param dtype the precision of the matrix products, {@code float32} (default) or {@code bfloat16}
     */
    public record Models(String translator, String summariser, String dtype) {
    }

    /**
     * How sentences are batched.
     *
     * @param batchTokens most padded input tokens per batch; default 8192
     * @param batchSentences most sentences per batch; default 256
     * @param maxInputTokens longest sentence before a clause split; default 0 (the model's limit)
     * @param workers parts each batch is split into and decoded side by side; default one per
     *     core, at most 4
     */
    public record Batching(@JsonProperty("batch_tokens") Integer batchTokens,
            @JsonProperty("batch_sentences") Integer batchSentences,
            @JsonProperty("max_input_tokens") Integer maxInputTokens,
            @JsonProperty("workers") Integer workers) {
    }

    /**
     * Where and how the run writes.
     *
     * @param folder the output folder; {@code {date}} becomes the run date (ISO, {@code 2024-11-22})
     * @param formats any of jsonl, json, csv; default [jsonl]
     * @param perSentenceCsv CSV with one row per sentence pair instead of per article
     * @param digest the English digest of the day's articles: {@code true} or {@code html} for an HTML page,
     *     {@code md} for Markdown, {@code false} or absent for none; or a mapping {@code {format: html|md,
     *     suspect: mark|omit}} whose {@code suspect} says whether sentences whose translation is still
     *     suspect are marked (default) or left out
     * @param chunkArticles articles per committed output chunk; default 20. Smaller chunks lose less
     *     work to a crash and make more files
     */
    public record Outputs(String folder, List<String> formats, @JsonProperty("per_sentence_csv") Boolean perSentenceCsv,
            Object digest, @JsonProperty("chunk_articles") Integer chunkArticles) {
    }

    /**
     * Retention of old output folders and translation-memory entries.
     *
     * @param keepDays output folders of run dates more than this many days before today are
     *     deleted after a successful run; null keeps everything
     * @param translationMemoryDays translation-memory entries of this job's database not used
     *     (stored or hit) for more than this many days are deleted after a successful run; null
     *     keeps everything
     */
    public record Retention(@JsonProperty("keep_days") Integer keepDays,
            @JsonProperty("translation_memory_days") Integer translationMemoryDays) {
    }

    /**
     * The state database.
     *
     * @param database its path; default {@code .kabar/state.db} in the folder above the dated output folder
     * @param maxAttempts runs in which an article may fail before it is quarantined; default 3
     */
    public record State(String database, @JsonProperty("max_attempts") Integer maxAttempts) {
    }

    /**
     * How far each sentence's translation is trusted (docs/trust.md); absent keys keep the defaults.
     *
     * @param detectLanguage decide each sentence's language, pass English through and flag
     *     Javanese, Sundanese and others; default true
     * @param secondTry translate suspect sentences again with stricter settings; default true
     * @param minConfidence the confidence (log-probability per output token, at most 0) below which a
     *     translation is suspect; default -1.5
     * @param secondTrySettings Hugging Face generation keys over the second try's defaults
     */
    public record Trust(@JsonProperty("detect_language") Boolean detectLanguage,
            @JsonProperty("second_try") Boolean secondTry,
            @JsonProperty("min_confidence") Double minConfidence,
            @JsonProperty("second_try_settings") Map<String, Object> secondTrySettings) {
    }
}
