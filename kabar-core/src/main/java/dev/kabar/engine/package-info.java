/**
 * The engine as the rest of kabar sees it: a checkpoint folder in, text or token ids through
 * {@code generate()}, text out. Its API speaks {@code String} and {@code int[]}, never NDArray.
 */
package dev.kabar.engine;
