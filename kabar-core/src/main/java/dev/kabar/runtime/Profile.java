package dev.kabar.runtime;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where generation time goes, accumulated by phase. Used by {@code kabar bench workload --profile};
 * when profiling is off the shared {@link #OFF} instance records nothing. Thread-safe: the engine's
 * workers record into one profile, so with several workers each phase is the sum of their times
 * (thread-seconds, which may exceed the wall time).
 */
public final class Profile {

    /** The phases of generation that are timed. */
    public enum Phase {
        /** Running the encoder and projecting cross-attention keys and values. */
        ENCODER,
        /** Decoder layers of each step (embeddings included). */
        DECODER_LAYERS,
        /** The LM head: final hidden state to vocabulary logits. */
        LM_HEAD,
        /** Log-softmax, logits processors, arg-max and top-k on the step's scores. */
        SEARCH,
        /** Reordering, dropping and adding rows of the decoder state (admitted rows joining the batch included). */
        STATE_REORDER,
        /** Copies between host (Java) and native memory. */
        HOST_NATIVE_COPY,
        /** Java bookkeeping of hypotheses and sequences. */
        BOOKKEEPING
    }

    /** A profile that records nothing. */
    public static final Profile OFF = new Profile(false);

    private final boolean enabled;
    private final Map<Phase, LongAdder> nanos = new EnumMap<>(Phase.class);

    private Profile(boolean enabled) {
        this.enabled = enabled;
        for (Phase p : Phase.values()) {
            nanos.put(p, new LongAdder());
        }
    }

    /** Returns a profile that records. */
    public static Profile recording() {
        return new Profile(true);
    }

    /** Returns true when this profile records. */
    public boolean enabled() {
        return enabled;
    }

    /** Returns a start mark for {@link #stop}, or 0 when not recording. */
    public long start() {
        return enabled ? System.nanoTime() : 0;
    }

    /** Adds the time since {@code start} to a phase. */
    public void stop(Phase phase, long start) {
        if (enabled) {
            nanos.get(phase).add(System.nanoTime() - start);
        }
    }

    /** Returns the seconds recorded for a phase. */
    public double seconds(Phase phase) {
        return nanos.get(phase).sum() / 1e9;
    }

    /** Returns the phases and their seconds as a JSON object. */
    public String toJson() {
        StringBuilder b = new StringBuilder("{");
        double total = 0;
        for (Phase p : Phase.values()) {
            total += seconds(p);
        }
        for (Phase p : Phase.values()) {
            b.append(String.format(Locale.ROOT, "\"%s_s\": %.2f, ", p.name().toLowerCase(Locale.ROOT), seconds(p)));
        }
        return b.append(String.format(Locale.ROOT, "\"timed_total_s\": %.2f}", total)).toString();
    }
}
