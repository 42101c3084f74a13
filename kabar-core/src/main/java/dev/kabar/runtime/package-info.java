/** Process-wide settings of the native libraries kabar runs on. */
package dev.kabar.runtime;
