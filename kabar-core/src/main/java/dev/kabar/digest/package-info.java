/**
 * English digests for readers: kabar's own JSON, JSONL and per-article CSV outputs in, one HTML or
 * Markdown page out, articles grouped by day and then by category or source.
 */
package dev.kabar.digest;
