package dev.kabar.output;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.kabar.article.Article;
import dev.kabar.pipeline.ArticleStats;
import dev.kabar.pipeline.ArticleSummary;
import dev.kabar.pipeline.Attempt;
import dev.kabar.pipeline.SentencePair;
import dev.kabar.pipeline.SentenceTrust;
import dev.kabar.pipeline.TermTally;
import dev.kabar.pipeline.TermUse;
import dev.kabar.pipeline.TranslatedArticle;
import dev.kabar.pipeline.TrustTally;
import dev.kabar.trust.ArticleTrust;
import dev.kabar.trust.Reason;
import dev.kabar.trust.Verdict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One translated article as the JSON and JSONL outputs write it: the schema of those files. Field
 * names are the snake_case forms of the components ({@code titleEn} → {@code title_en}); every
 * field is always written, null when unknown, so consumers can rely on the keys. Documents are made
 * by {@link #of(TranslatedArticle)} only, so that fields can be added (such as a summary) without
 * touching callers.
 *
 * @param id the article's id: the source's, else a content hash
 * @param sourceFile where it came from: a path, {@code stdin}, or {@code file.csv#row 12}
 * @param url the article's address
 * @param date publication time, ISO-8601 with offset ({@code 2024-11-22T17:38+07:00}) or a plain date
 * @param dateline the dateline as printed on the page
 * @param status {@code ok}, or {@code failed} when the article could not be translated
 * @param error why it failed, null when it did not
 * @param titleId the headline in Indonesian
 * @param titleEn the headline in English; null when failed
 * @param titleTrust how far the headline's English can be trusted, the same keys as a sentence pair's
 *     ({@link Trust}); null when not known (no title, a failed article, a run without checks)
 * @param titleTerms the glossary terms found in the headline, as a sentence pair's {@code terms}
 *     ({@link Term}); empty without a glossary, without a title or without a term
 * @param lead the place/agency lead, not translated ({@code JAKARTA, Jurnas.com})
 * @param paragraphs the body: paragraphs as lists of sentence pairs
 * @param captions photo captions, not translated
 * @param sourceCredit the credited source ({@code AFP})
 * @param publisher the site that published it, by its readable name ({@code detikcom}, {@code Kompas.com})
 * @param reporter the reporter
 * @param editor the editor
 * @param keywords tags or keywords
 * @param category section or category
 * @param stats figures of the translation
 * @param warnings problems met while reading or translating that did not stop it
 * @param dropped navigation and boilerplate removed from the page, in page order
 * @param summaryId the Indonesian summary: the chosen sentences joined with single spaces; null when
 *     there is none (summaries off, an abstractive summary, no body)
 * @param summaryEn the English summary: the aligned translations of the chosen sentences, or the
 *     abstractive summary; null when there is none (summaries off, {@code kabar summarize}, failed)
 * @param summaryMethod {@code extractive} or {@code abstractive:<model>}; null when there is no summary
 * @param summaryChunks how many chunks an abstractive summariser read the English in; null otherwise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "source_file", "url", "date", "dateline", "status", "error", "title_id", "title_en", "title_trust", "title_terms", "lead",
    "paragraphs", "captions", "source_credit", "publisher", "reporter", "editor", "keywords", "category", "stats", "warnings",
    "dropped", "summary_id", "summary_en", "summary_method", "summary_chunks"})
public record ArticleDocument(
        String id,
        String sourceFile,
        String url,
        String date,
        String dateline,
        String status,
        String error,
        String titleId,
        String titleEn,
        Trust titleTrust,
        List<Term> titleTerms,
        String lead,
        List<List<Pair>> paragraphs,
        List<String> captions,
        String sourceCredit,
        String publisher,
        String reporter,
        String editor,
        List<String> keywords,
        String category,
        Stats stats,
        List<String> warnings,
        List<String> dropped,
        String summaryId,
        String summaryEn,
        String summaryMethod,
        Integer summaryChunks) {

    /** The value of {@code status} for a translated article. */
    public static final String OK = "ok";
    /** The value of {@code status} for an article that could not be translated. */
    public static final String FAILED = "failed";

    /**
     * One sentence pair, with how far its English can be trusted. The trust keys are always written,
     * all null when the pair's trust is not known (a failed article, a run without checks, a pair read
     * back from an older output).
     *
     * @param id the Indonesian sentence
     * @param en its English translation; null when the article failed
     * @param split whether it was longer than the model's input limit and translated in clause-sized pieces
     * @param lang the sentence's language ({@code id}, {@code ms}, {@code en}, {@code jv}, {@code su},
     *     {@code und}); null when language detection was off
     * @param translated false when the sentence was kept as it is (English passed through)
     * @param confidence the model's length-normalised log-probability of {@code en}, rounded to
     *     {@link #CONFIDENCE_DECIMALS} decimals; null when not known (passed through, or a translator
     *     that gives none)
     * @param verdict {@code ok} or {@code suspect}
     * @param reasons why it is suspect, each {@code code: detail} (e.g. {@code numbers: number 15
     *     missing}); empty when ok
     * @param action {@code none}, {@code flagged}, {@code second_try_kept_first},
     *     {@code second_try_kept_second} or {@code passed_through}
     * @param attempts the first and the second attempt when a second try was made; empty otherwise
     * @param terms the glossary terms found in the sentence, in order of first occurrence, each with
     *     whether the English has it ({@link Term}); always written, empty without a glossary or without
     *     a term
     */
    @JsonPropertyOrder({"id", "en", "split", "lang", "translated", "confidence", "verdict", "reasons", "action", "attempts",
        "terms"})
    public record Pair(String id, String en, boolean split, String lang, Boolean translated, Double confidence,
            String verdict, List<String> reasons, String action, List<AttemptDocument> attempts, List<Term> terms) {

        /** The pair as written, with its trust's keys and its terms. */
        static Pair of(SentencePair pair) {
            Trust t = Trust.of(pair.trust());
            List<Term> terms = Term.of(pair.terms());
            return t == null
                    ? new Pair(pair.indonesian(), pair.english(), pair.split(), null, null, null, null, null, null, null, terms)
                    : new Pair(pair.indonesian(), pair.english(), pair.split(), t.lang(), t.translated(), t.confidence(),
                            t.verdict(), t.reasons(), t.action(), t.attempts(), terms);
        }
    }

    /**
     * One glossary term found in a sentence, as a pair's {@code terms} (and {@code title_terms})
     * write it (docs/glossaries.md).
     *
     * @param id the term as the glossary writes it ({@code Kemenhan})
     * @param en the phrases forced for it, any one of which meets it: the term's English, then its
     *     alternatives; for a kept term, the term as written in the sentence
     * @param keep whether the term is kept as written (a name, a brand) rather than translated
     * @param met whether the English has one of the phrases, as whole words, by the term's case rule
     * @param found the text of the English that met it, as written there; null when not met
     */
    @JsonPropertyOrder({"id", "en", "keep", "met", "found"})
    public record Term(String id, List<String> en, boolean keep, boolean met, String found) {

        /** The terms as written. */
        static List<Term> of(List<TermUse> uses) {
            return uses.stream().map(u -> new Term(u.id(), u.english(), u.keep(), u.met(), u.found())).toList();
        }
    }

    /**
     * How far one sentence's English can be trusted, as {@code title_trust} writes it; a body pair
     * carries the same keys inline ({@link Pair}).
     *
     * @param lang the sentence's language, or null when detection was off
     * @param translated false when the sentence was kept as it is
     * @param confidence the model's length-normalised log-probability, rounded; null when not known
     * @param verdict {@code ok} or {@code suspect}
     * @param reasons {@code code: detail} for each reason; empty when ok
     * @param action what was done
     * @param attempts both attempts of a second try; empty otherwise
     */
    @JsonPropertyOrder({"lang", "translated", "confidence", "verdict", "reasons", "action", "attempts"})
    public record Trust(String lang, Boolean translated, Double confidence, String verdict, List<String> reasons,
            String action, List<AttemptDocument> attempts) {

        /** The trust as written, or null when it is not known. */
        static Trust of(SentenceTrust trust) {
            if (trust == null) {
                return null;
            }
            return new Trust(trust.language(), trust.translated(), rounded(trust.confidence()), trust.verdict().status().code(),
                    reasonTexts(trust.verdict()), trust.action().code(),
                    trust.attempts().stream().map(AttemptDocument::of).toList());
        }
    }

    /**
     * One attempt of a sentence that was translated twice.
     *
     * @param settings {@code first} or {@code second}
     * @param en that attempt's English
     * @param confidence its length-normalised log-probability, rounded; null when not known
     * @param verdict {@code ok} or {@code suspect}
     * @param reasons {@code code: detail} for each reason; empty when ok
     */
    @JsonPropertyOrder({"settings", "en", "confidence", "verdict", "reasons"})
    public record AttemptDocument(String settings, String en, Double confidence, String verdict, List<String> reasons) {

        static AttemptDocument of(Attempt attempt) {
            return new AttemptDocument(attempt.settings(), attempt.english(), rounded(attempt.confidence()),
                    attempt.verdict().status().code(), reasonTexts(attempt.verdict()));
        }
    }

    /**
     * Figures of one article's translation.
     *
     * @param sentences sentence pairs, the title's included
     * @param splitSentences sentences translated in clause-sized pieces
     * @param reusedSentences sentences already translated earlier in the run
     * @param sourceTokens model input tokens
     * @param targetTokens generated tokens
     * @param translationMs the article's share of model time, in milliseconds
     * @param checkedSentences sentences whose English was checked (translated, the title's included)
     * @param suspectSentences of those, sentences whose English kept is suspect
     * @param passedThroughSentences sentences kept as they are because they are English
     * @param secondTries sentences translated a second time with stricter settings
     * @param secondTriesKept of those, sentences whose second attempt was kept
     * @param suspectReasons suspect sentences by reason code, e.g. {@code {"numbers": 2}} (a sentence
     *     with two reasons counts under both); empty when none is suspect
     * @param trust {@code ok}, {@code mixed} or {@code mostly_suspect} ({@link ArticleTrust}); null when
     *     no sentence's trust is known
     * @param termsApplied glossary term uses in the article's sentences, the title's included (a term
     *     found in a sentence counts once for that sentence); 0 without a glossary
     * @param termsMet of those, the uses whose English has the term
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonPropertyOrder({"sentences", "split_sentences", "reused_sentences", "source_tokens", "target_tokens",
        "translation_ms", "checked_sentences", "suspect_sentences", "passed_through_sentences", "second_tries",
        "second_tries_kept", "suspect_reasons", "trust", "terms_applied", "terms_met"})
    public record Stats(int sentences, int splitSentences, int reusedSentences, long sourceTokens, long targetTokens,
            long translationMs, long checkedSentences, long suspectSentences, long passedThroughSentences, long secondTries,
            long secondTriesKept, Map<String, Long> suspectReasons, String trust, long termsApplied, long termsMet) {
    }

    /** Decimals a confidence is written with: a thousandth of a nat is finer than any threshold needs. */
    public static final int CONFIDENCE_DECIMALS = 3;

    /**
     * A confidence rounded to {@link #CONFIDENCE_DECIMALS} decimals, half up; null for null, and for a
     * value that is not finite, which JSON cannot hold as a number.
     */
    static Double rounded(Double confidence) {
        if (confidence == null || !Double.isFinite(confidence)) {
            return null;
        }
        return Math.round(confidence * 1000.0) / 1000.0;
    }

    /** The reasons of a verdict as {@code code: detail}. */
    static List<String> reasonTexts(Verdict verdict) {
        return verdict.reasons().stream().map(Reason::toString).toList();
    }

    /** The reason counts of a tally by their codes, in the order of the checks. */
    static Map<String, Long> reasonCounts(TrustTally tally) {
        Map<String, Long> counts = new LinkedHashMap<>();
        tally.reasons().forEach((code, count) -> counts.put(code.code(), count));
        return counts;
    }

    /** The code of an article's trust, or null when it is not known. */
    static String trustCode(TrustTally tally) {
        ArticleTrust trust = ArticleTrust.of(tally.checked(), tally.suspect(), tally.passedThrough());
        return trust == null ? null : trust.code();
    }

    /** Builds the document of a translated (or failed) article. */
    public static ArticleDocument of(TranslatedArticle translated) {
        Article a = translated.article();
        SentencePair title = translated.title();
        ArticleSummary summary = translated.summary();
        List<List<Pair>> paragraphs = translated.paragraphs().stream()
                .map(list -> list.stream().map(Pair::of).toList())
                .toList();
        ArticleStats s = translated.stats();
        TrustTally t = translated.trustTally();
        TermTally terms = translated.termTally();
        Stats stats = new Stats(s.sentences(), s.splitSentences(), s.reusedSentences(), s.sourceTokens(),
                s.targetTokens(), s.translationNanos() / 1_000_000, t.checked(), t.suspect(), t.passedThrough(),
                t.secondTries(), t.secondKept(), reasonCounts(t), trustCode(t), terms.applied(), terms.met());
        return new ArticleDocument(a.id(), a.origin(), a.url(), a.date(), a.dateline(),
                translated.failed() ? FAILED : OK, translated.failure(),
                title == null ? a.title() : title.indonesian(), title == null ? null : title.english(),
                title == null ? null : Trust.of(title.trust()), title == null ? List.of() : Term.of(title.terms()), a.lead(),
                paragraphs, a.captions(), a.sourceCredit(), a.publisher(), a.reporter(), a.editor(), a.keywords(), a.category(), stats,
                translated.warnings(), a.dropped(), summary == null ? null : summary.indonesian(),
                summary == null ? null : summary.english(), summary == null ? null : summary.method(),
                summary == null || summary.chunks() == 0 ? null : summary.chunks());
    }
}
