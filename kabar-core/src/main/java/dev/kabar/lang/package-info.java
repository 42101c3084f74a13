/**
 * The language of each sentence of an Indonesian article, and what to do with it: translate
 * (Indonesian, Malay), pass through unchanged (English quotes), or translate and flag for a reader
 * (Javanese, Sundanese, other scripts). {@link dev.kabar.lang.SentenceLanguageDetector} gathers
 * {@link dev.kabar.lang.LanguageEvidence} with Lingua, restricted to Indonesian, Malay and English,
 * and with lists of Javanese and Sundanese function words; {@link dev.kabar.lang.LanguageRules} turns
 * it into a {@link dev.kabar.lang.LanguageDecision}. Strings in, records out: nothing here knows of
 * articles, batches or the model. docs/languages.md gives the rules' thresholds and measured figures.
 */
package dev.kabar.lang;
