package dev.kabar.article;

import java.util.List;

/**
 * How the numeric dates of one input file were read, and why: a one-day slice of a feed whose
 * every date is {@code 12/9/2025} cannot tell day-first from month-first by itself, and a reader
 * that guesses must say so.
 *
 * @param origin the file
 * @param order the order used, {@link DateOrder#DAY_FIRST} or {@link DateOrder#MONTH_FIRST}
 * @param basis why that order
 * @param ambiguous how many records had a numeric date that reads both ways
 * @param examples the first few of them, as {@code #row 1 '12/9/2025 19:27'}
 */
public record DateOrderChoice(String origin, DateOrder order, Basis basis, int ambiguous, List<String> examples)
        implements java.io.Serializable {

    /** Why an order was used. */
    public enum Basis {
        /** Given by the user ({@code --date-order}, a job's {@code date_order}). */
        GIVEN,
        /** Settled by the file's own values: a first number above 12 means day first, a second month first. */
        VALUES,
        /** Remembered from an earlier file of the same job input that settled it. */
        REMEMBERED,
        /** Nothing settled it: day first, the Indonesian convention, was assumed. */
        ASSUMED
    }

    /** Copies the examples. */
    public DateOrderChoice {
        examples = List.copyOf(examples);
    }

    /** The order in words, for messages: {@code day-first} or {@code month-first}. */
    public String orderName() {
        return order == DateOrder.MONTH_FIRST ? "month-first" : "day-first";
    }
}
