/**
 * Articles to sentence batches to results, order restored: length-sorted batches under a token
 * budget, de-duplication, and the translation run. Plain Java types only.
 */
package dev.kabar.pipeline;
