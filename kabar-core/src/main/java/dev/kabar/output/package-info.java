/**
 * Files out: bilingual CSV (one row per article or per sentence pair), JSON and JSONL documents of
 * translated articles, written atomically (temp file, fsync, rename) or to standard output.
 */
package dev.kabar.output;
