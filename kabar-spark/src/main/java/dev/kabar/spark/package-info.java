/**
 * kabar on Apache Spark: the same job files, run by {@code spark-submit} on a cluster or in local
 * mode. The driver reads the job, keeps the state database and records each committed write; the
 * executors read the input files, translate with one engine per executor JVM (checked against the
 * driver's model fingerprint) and return rows that Spark writes in one commit.
 */
package dev.kabar.spark;
