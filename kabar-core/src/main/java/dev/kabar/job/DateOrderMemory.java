package dev.kabar.job;

import dev.kabar.article.DateOrder;
import dev.kabar.article.DateOrderChoice;
import dev.kabar.article.InputSpec;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The numeric date order each input of a job has settled, kept in its state database: a one-day
 * slice of a feed is read with the order a fuller night settled. Shared by {@code kabar run} and
 * the Spark runner's driver. Not thread-safe.
 */
public final class DateOrderMemory {

    private final StateStore store;
    private final String job;
    private final Clock clock;
    private final Consumer<String> log;
    private final Map<String, String> remembered;

    /** Reads what the job's inputs settled so far. */
    public DateOrderMemory(StateStore store, String job, Clock clock, Consumer<String> log) {
        this.store = store;
        this.job = job;
        this.clock = clock;
        this.log = log;
        this.remembered = store.dateOrders(job);
    }

    /** The input, falling back on the order its source settled before when its files cannot settle one. */
    public InputSpec apply(InputSpec input) {
        String order = remembered.get(input.source());
        return order == null ? input : input.withRememberedDateOrder(DateOrder.fromName(order));
    }

    /**
     * Keeps the order a file's values settled for its job input, and says when a file could not
     * settle it.
     *
     * @param source the job input the file came from, as written
     */
    public void observe(String source, DateOrderChoice choice) {
        switch (choice.basis()) {
            case VALUES -> {
                String before = remembered.get(source);
                if (!choice.orderName().equals(before)) {
                    store.rememberDateOrder(job, source, choice.orderName(), choice.origin(), clock.instant());
                    remembered.put(source, choice.orderName());
                    log.accept("kabar: note: " + choice.origin() + ": numeric dates read " + choice.orderName()
                            + (before == null ? ", as its values show; remembered for input '" + source + "'"
                                    : ", as its values show, no longer " + before + "; input '" + source
                                            + "' now remembers " + choice.orderName()));
                }
            }
            case ASSUMED -> {
                if (choice.ambiguous() > 0) {
                    log.accept("kabar: warning: " + choice.origin() + ": " + choice.ambiguous() + " numeric dates read "
                            + "both day-first and month-first and nothing settles the order (first: "
                            + String.join(", ", choice.examples()) + "); read them day-first; set date_order on input '"
                            + source + "' if that is wrong, or strict to refuse such files");
                }
            }
            default -> {
                // Given by the job, or remembered: nothing new to say.
            }
        }
    }
}
