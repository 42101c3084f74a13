/**
 * Cheap checks of one translated sentence pair for the signs of a bad translation, and the verdict
 * they add up to ({@link dev.kabar.trust.SentenceCheck}): a loop of repeated words
 * ({@link dev.kabar.trust.RepetitionCheck}), an output far shorter or longer than normal news
 * translations ({@link dev.kabar.trust.LengthRatio}), numbers of the source missing or changed
 * ({@link dev.kabar.trust.NumberMatcher}), the source copied instead of translated
 * ({@link dev.kabar.trust.UntranslatedCheck}), and the model's own low confidence.
 *
 * <p>Every check sees only two strings (and, for confidence, one number): no model, no tokenizer,
 * no dictionary. Each runs in time linear in the length of its input, holds no mutable state, and
 * is safe to share between threads. Thresholds, what they were calibrated on, and the rates at
 * which each check flags human reference translations are in {@code docs/trust.md}.
 */
package dev.kabar.trust;
