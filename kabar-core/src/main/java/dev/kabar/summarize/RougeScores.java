package dev.kabar.summarize;

/**
 * ROUGE-1, ROUGE-2 and summary-level ROUGE-L of one candidate against one reference.
 *
 * @param rouge1 unigram overlap
 * @param rouge2 bigram overlap
 * @param rougeL summary-level union longest common subsequence
 */
public record RougeScores(RougeScore rouge1, RougeScore rouge2, RougeScore rougeL) {
}
