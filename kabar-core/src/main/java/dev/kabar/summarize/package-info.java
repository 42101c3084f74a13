/**
 * Summaries of Indonesian news: extractive sentence ranking ({@link dev.kabar.summarize.ExtractiveSummarizer})
 * with a learned ranker ({@link dev.kabar.summarize.SentenceRanker}: a tree ensemble, evaluated by
 * {@link dev.kabar.summarize.TreeEnsemble}, over {@link dev.kabar.summarize.RankingFeatures}), ROUGE
 * scoring ({@link dev.kabar.summarize.Rouge}) and the IndoSum evaluation
 * ({@link dev.kabar.summarize.SummaryEvaluation}), and abstractive summaries through the engine with
 * chunking at sentence boundaries ({@link dev.kabar.summarize.AbstractiveSummarizer}). Plain Java
 * types only: sentences in, sentence positions out, so that an English summary can be the aligned
 * translations of the chosen sentences.
 */
package dev.kabar.summarize;
