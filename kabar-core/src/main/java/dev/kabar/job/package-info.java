/**
 * Nightly runs: job files ({@code jobs/*.yaml}), the SQLite state store (articles, runs, output
 * chunks, translation memory), the per-job lock, resume after a crash, run reports and retention.
 * Uses {@code pipeline} to translate and {@code output} to write; knows nothing of tensors.
 */
package dev.kabar.job;
