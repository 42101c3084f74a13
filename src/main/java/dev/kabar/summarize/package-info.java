/**
 * Summaries of Indonesian news: extractive sentence ranking ({@link dev.kabar.summarize.ExtractiveSummarizer}),
 * ROUGE scoring ({@link dev.kabar.summarize.Rouge}) and the IndoSum evaluation
 * ({@link dev.kabar.summarize.SummaryEvaluation}), and abstractive summaries through the engine with
 * chunking at sentence boundaries ({@link dev.kabar.summarize.AbstractiveSummarizer}). Plain Java
 * types only: sentences in, sentence positions out, so that an English summary can be the aligned
 * translations of the chosen sentences.
 */
package dev.kabar.summarize;
