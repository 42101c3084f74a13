/**
 * Benchmarks that are part of the product: random-weight checkpoints of real architectures, the
 * news workload with exact output lengths, the machine's matrix-multiply rate, and memory over
 * long runs. They print figures; nothing here is a test.
 */
package dev.kabar.bench;
