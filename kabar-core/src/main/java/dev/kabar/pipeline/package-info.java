/**
 * Articles to sentence batches to results, order restored: the {@link dev.kabar.pipeline.TranslationRun}
 * use case (sentences, clause splits of over-long ones, de-duplication, length-sorted batches under
 * a token budget, per-article failures), the {@link dev.kabar.pipeline.SentenceTranslator} it needs
 * of a model, progress reporting, and the {@link dev.kabar.pipeline.SummaryStep} that adds each
 * article's {@link dev.kabar.pipeline.ArticleSummary} on the way to the files. Plain Java types only; the engine is reached through
 * {@link dev.kabar.pipeline.EngineSentenceTranslator} alone.
 */
package dev.kabar.pipeline;
