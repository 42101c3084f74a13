package dev.kabar.pipeline;

import dev.kabar.summarize.SentenceId;
import java.util.List;

/**
 * The summary of one article, in Indonesian, in English, or both.
 *
 * @param indonesian the Indonesian summary: the chosen source sentences joined with single spaces; null
 *     when there is none (an abstractive summary has no Indonesian side)
 * @param english the English summary: the aligned translations of the chosen sentences, or the
 *     abstractive summary; null when there is none (no translation, or a failed article)
 * @param method {@link #EXTRACTIVE}, or {@code abstractive:<model folder name>}
 * @param sentences the chosen body sentences in article order (positions in
 *     {@link TranslatedArticle#paragraphs()}); empty for an abstractive summary
 * @param chunks for an abstractive summary, how many chunks the English text was cut into; 0 for
 *     an extractive one
 */
public record ArticleSummary(String indonesian, String english, String method, List<SentenceId> sentences, int chunks) {

    /** The method name of extractive summaries. */
    public static final String EXTRACTIVE = "extractive";
    /** The prefix of the method name of abstractive summaries, followed by the model's folder name. */
    public static final String ABSTRACTIVE_PREFIX = "abstractive:";

    /** Copies the list and checks that a method is named. */
    public ArticleSummary {
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("a summary needs the name of its method");
        }
        sentences = sentences == null ? List.of() : List.copyOf(sentences);
    }

    /** Whether the body sentence at {@code paragraph}, {@code sentence} (from 0) is part of the summary. */
    public boolean contains(int paragraph, int sentence) {
        return sentences.contains(new SentenceId(paragraph, sentence));
    }
}
