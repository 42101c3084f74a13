package dev.kabar.trust;

import java.util.Optional;

/**
 * One check of a source sentence against its translation. Implementations are immutable,
 * side-effect free and thread-safe, and run in time linear in the length of the two texts.
 */
public interface PairCheck {

    /**
     * Checks one pair.
     *
     * @param source the Indonesian sentence
     * @param output its English translation
     * @return the reason the pair is suspect, or empty when this check finds nothing
     */
    Optional<Reason> check(String source, String output);
}
