/** The {@code kabar} command line: picocli commands that parse options, call one use case and map outcomes to exit codes. */
package dev.kabar.cli;
