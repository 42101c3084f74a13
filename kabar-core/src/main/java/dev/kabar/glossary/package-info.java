/**
 * A newsroom's term list and where its terms occur in Indonesian sentences: reading the list
 * ({@link dev.kabar.glossary.Glossary#read}), finding the terms in a sentence
 * ({@link dev.kabar.glossary.GlossaryMatcher#match}), the English each sentence must then contain
 * ({@link dev.kabar.glossary.GlossaryMatcher#constraints}), and whether an English output contains
 * it ({@link dev.kabar.glossary.TermConstraint#check}).
 *
 * <p>Everything here is text in, text out: no tokenizer, no model. Turning the English phrases into
 * token constraints for the beam search is the caller's step. The file format and the matching
 * rules (word boundaries, case, Indonesian affixes, overlapping terms) are in
 * {@code docs/glossaries.md}. Every type is immutable and safe to share between threads.
 */
package dev.kabar.glossary;
