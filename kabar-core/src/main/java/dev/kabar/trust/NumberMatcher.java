package dev.kabar.trust;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Flags a translation that lost or changed a number of its source: every number written in digits
 * in the Indonesian sentence must stand in the English one, by value, however the English writes it.
 *
 * <p>A number is read every way it may be meant, and it matches when one reading of the source
 * equals one reading of the output:
 * <ul>
 *   <li><b>separators</b>: Indonesian writes {@code 1.000,5} and English {@code 1,000.5}. The source
 *   is read the Indonesian way when that is well formed ({@code 1.000} is 1000, {@code 3,5} is
 *   3.5), the English way otherwise ({@code 3.5}, as some Indonesian writers put it); the output
 *   both ways wherever both are well formed ({@code 1,000} is 1000 or 1), so a number the
 *   translation left in Indonesian form still matches. Dots or commas that fit neither way
 *   ({@code 192.168.1.1}, {@code 22.11.2024}) separate whole numbers, as {@code /}, {@code -} and
 *   spaces always do: {@code 22/11/2024} is 22, 11 and 2024.</li>
 *   <li><b>scale words</b> after a number multiply it: {@code ratus} / {@code hundred}, {@code ribu}
 *   / {@code rb} / {@code thousand}, {@code juta} / {@code jt} / {@code million} / {@code mln},
 *   {@code miliar} / {@code milyar} / {@code billion} / {@code bn}, {@code triliun} /
 *   {@code trillion} / {@code tn}; so {@code Rp 1,5 triliun} matches {@code Rp1.5 trillion} and
 *   {@code 1,500 billion rupiah} but not {@code 1.5 billion}. {@code m} and {@code k} written
 *   right after a number ({@code $370m}) are read both as a scale and as a unit.</li>
 *   <li><b>times</b>: {@code 17.38} and {@code 17:38} are also the time 5:38 on a 12-hour clock,
 *   matching {@code 5:38 pm}; {@code 3 pm} is the time 3:00 and the numbers 3 and 15; {@code 3:00}
 *   is also the number 3 ({@code pukul 3}).</li>
 *   <li><b>words, in the output only</b>: English number words ({@code six}, {@code twenty-five},
 *   {@code two million}, {@code one hundred and thirty}, {@code seven-and-a-half million},
 *   {@code third}) and month names ({@code November} is 11, so
 *   {@code 22/11/2024} matches {@code November 22, 2024}; {@code May} only capitalised). Indonesian
 *   number words in the source ({@code enam}) are not required to appear.</li>
 * </ul>
 * Percent signs and currencies are not compared ({@code 3,5 persen} matches {@code 3.5%}). A
 * number is matched by presence: one written twice in the source is satisfied by one in the
 * output, and the order does not matter (a translator who writes {@code (2/1)} as {@code (1/2)} is
 * not flagged). Numbers the output adds are not flagged on their own; they are named in the
 * detail when a source number is missing, as what it may have been changed into. Only ASCII
 * digits count.
 *
 * <p>Immutable and thread-safe; one pass over each text, no regular expressions.
 */
public final class NumberMatcher implements PairCheck {

    /**
     * One number as written in a text, with the values it may stand for.
     *
     * @param text the number as written, with its scale word or am/pm when it has one
     * @param values what it may mean: plain decimals ({@code 1000.5}, {@code 1500000000000}) and
     *     12-hour times ({@code time 5:38})
     * @param words whether it was written in words ({@code six}, {@code November}) rather than digits
     */
    public record Mention(String text, Set<String> values, boolean words) {

        /** Copies the values and checks that there is at least one. */
        public Mention {
            values = Set.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a number needs at least one value: " + text);
            }
        }
    }

    private static final int DETAIL_NUMBERS = 3;

    private static final Map<String, BigDecimal> SCALES = Map.ofEntries(
            Map.entry("ratus", BigDecimal.valueOf(100)), Map.entry("hundred", BigDecimal.valueOf(100)),
            Map.entry("ribu", BigDecimal.valueOf(1_000)), Map.entry("rb", BigDecimal.valueOf(1_000)),
            Map.entry("thousand", BigDecimal.valueOf(1_000)),
            Map.entry("juta", BigDecimal.valueOf(1_000_000)), Map.entry("jt", BigDecimal.valueOf(1_000_000)),
            Map.entry("million", BigDecimal.valueOf(1_000_000)), Map.entry("mln", BigDecimal.valueOf(1_000_000)),
            Map.entry("miliar", BigDecimal.valueOf(1_000_000_000)), Map.entry("milyar", BigDecimal.valueOf(1_000_000_000)),
            Map.entry("billion", BigDecimal.valueOf(1_000_000_000)), Map.entry("bn", BigDecimal.valueOf(1_000_000_000)),
            Map.entry("triliun", BigDecimal.valueOf(1_000_000_000_000L)),
            Map.entry("trilyun", BigDecimal.valueOf(1_000_000_000_000L)),
            Map.entry("trillion", BigDecimal.valueOf(1_000_000_000_000L)),
            Map.entry("tn", BigDecimal.valueOf(1_000_000_000_000L)),
            Map.entry("hundredth", BigDecimal.valueOf(100)), Map.entry("thousandth", BigDecimal.valueOf(1_000)),
            Map.entry("millionth", BigDecimal.valueOf(1_000_000)), Map.entry("billionth", BigDecimal.valueOf(1_000_000_000)));

    /**
     * Letters written right after a number that may scale it or be a unit: {@code $370m} is 370
     * million, {@code 100m} a distance; both readings are kept.
     */
    private static final Map<String, BigDecimal> MAYBE_SCALES = Map.of(
            "k", BigDecimal.valueOf(1_000), "m", BigDecimal.valueOf(1_000_000));

    /** English cardinal and ordinal words up to nineteen, the tens, and the few others news writes out. */
    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3),
            Map.entry("four", 4), Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7),
            Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11),
            Map.entry("twelve", 12), Map.entry("thirteen", 13), Map.entry("fourteen", 14), Map.entry("fifteen", 15),
            Map.entry("sixteen", 16), Map.entry("seventeen", 17), Map.entry("eighteen", 18), Map.entry("nineteen", 19),
            Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40), Map.entry("fifty", 50),
            Map.entry("sixty", 60), Map.entry("seventy", 70), Map.entry("eighty", 80), Map.entry("ninety", 90),
            Map.entry("first", 1), Map.entry("second", 2), Map.entry("third", 3), Map.entry("fourth", 4),
            Map.entry("fifth", 5), Map.entry("sixth", 6), Map.entry("seventh", 7), Map.entry("eighth", 8),
            Map.entry("ninth", 9), Map.entry("tenth", 10), Map.entry("eleventh", 11), Map.entry("twelfth", 12),
            Map.entry("thirteenth", 13), Map.entry("fourteenth", 14), Map.entry("fifteenth", 15),
            Map.entry("sixteenth", 16), Map.entry("seventeenth", 17), Map.entry("eighteenth", 18),
            Map.entry("nineteenth", 19), Map.entry("twentieth", 20), Map.entry("thirtieth", 30),
            Map.entry("dozen", 12));

    /** The ordinals among the number words. */
    private static final Set<String> ORDINALS = Set.of("first", "second", "third", "fourth", "fifth", "sixth",
            "seventh", "eighth", "ninth");

    /** Words that multiply the number before them, or stand for their value alone ({@code a million}). */
    private static final Map<String, BigDecimal> MULTIPLIERS = Map.of(
            "hundred", BigDecimal.valueOf(100), "hundredth", BigDecimal.valueOf(100),
            "thousand", BigDecimal.valueOf(1_000), "thousandth", BigDecimal.valueOf(1_000),
            "million", BigDecimal.valueOf(1_000_000), "millionth", BigDecimal.valueOf(1_000_000),
            "billion", BigDecimal.valueOf(1_000_000_000), "billionth", BigDecimal.valueOf(1_000_000_000),
            "trillion", BigDecimal.valueOf(1_000_000_000_000L));

    /** Words that may join the number words of one phrase. */
    private static final Set<String> PHRASE_WORDS = Set.of("and", "a", "half", "point");

    /** The most words one number in words may run over. */
    private static final int MAX_PHRASE_WORDS = 12;

    /** English month names and their usual abbreviations; {@code may} is handled apart (a verb too). */
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("january", 1), Map.entry("jan", 1), Map.entry("february", 2), Map.entry("feb", 2),
            Map.entry("march", 3), Map.entry("mar", 3), Map.entry("april", 4), Map.entry("apr", 4),
            Map.entry("june", 6), Map.entry("jun", 6), Map.entry("july", 7), Map.entry("jul", 7),
            Map.entry("august", 8), Map.entry("aug", 8), Map.entry("september", 9), Map.entry("sep", 9),
            Map.entry("sept", 9), Map.entry("october", 10), Map.entry("oct", 10), Map.entry("november", 11),
            Map.entry("nov", 11), Map.entry("december", 12), Map.entry("dec", 12));

    @Override
    public Optional<Reason> check(String source, String output) {
        List<Mention> wanted = inSource(source);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        List<Mention> found = inOutput(output);
        Set<String> outputValues = new HashSet<>();
        for (Mention m : found) {
            outputValues.addAll(m.values());
        }
        Set<String> missing = new LinkedHashSet<>();
        Set<String> sourceValues = new HashSet<>();
        for (Mention m : wanted) {
            sourceValues.addAll(m.values());
            if (disjoint(m.values(), outputValues)) {
                missing.add(m.text());
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        Set<String> added = new LinkedHashSet<>();
        for (Mention m : found) {
            if (!m.words() && disjoint(m.values(), sourceValues)) {
                added.add(m.text());
            }
        }
        String detail = (missing.size() == 1 ? "number " : "numbers ") + list(missing) + " missing";
        if (!added.isEmpty()) {
            detail += "; the output has " + list(added) + " instead";
        }
        return Optional.of(new Reason(ReasonCode.NUMBERS, detail));
    }

    /** The numbers written in digits in an Indonesian text, each with every value it may stand for. */
    public static List<Mention> inSource(String text) {
        return scan(text, false);
    }

    /**
     * The numbers of an English text: those in digits, read as {@link #inSource} reads them, and
     * those in words (number words, month names).
     */
    public static List<Mention> inOutput(String text) {
        return scan(text, true);
    }

    private static List<Mention> scan(String text, boolean output) {
        List<Mention> mentions = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Words.isAsciiDigit(c)) {
                i = digits(text, i, output, mentions);
            } else if (Character.isLetter(c)) {
                int end = wordEnd(text, i);
                if (output) {
                    end = numberWord(text, i, end, mentions);
                }
                i = end;
            } else {
                i++;
            }
        }
        return mentions;
    }

    /**
     * Reads a number in digits starting at {@code start}, with its scale word or am/pm when one
     * follows, adds its mention (or mentions, for {@code 192.168.1.1}) and returns where it ends.
     * The source is read the Indonesian way when that is well formed ({@code 1.000} is 1000 there,
     * never 1); the output both ways, since a translation may keep a number as the source wrote it.
     */
    private static int digits(String text, int start, boolean output, List<Mention> mentions) {
        int n = text.length();
        int i = start;
        while (i < n) {
            char c = text.charAt(i);
            if (Words.isAsciiDigit(c)) {
                i++;
            } else if ((c == '.' || c == ',' || c == ':') && i + 1 < n && Words.isAsciiDigit(text.charAt(i + 1))
                    && Words.isAsciiDigit(text.charAt(i - 1))) {
                i++;
            } else {
                break;
            }
        }
        String number = text.substring(start, i);
        int[] time = time(number);
        BigDecimal indonesian = grouped(number, '.', ',');
        BigDecimal english = grouped(number, ',', '.');
        if (indonesian == null && english == null && time == null) {
            // Separators that fit no convention: an address, a version, a dotted date, a score "3:1".
            int from = 0;
            for (int k = 0; k <= number.length(); k++) {
                if (k == number.length() || !Words.isAsciiDigit(number.charAt(k))) {
                    String part = number.substring(from, k);
                    mentions.add(new Mention(part, Set.of(plain(new BigDecimal(part))), false));
                    from = k + 1;
                }
            }
            return i;
        }
        if (!output && indonesian != null) {
            english = null;
        }

        // The word after it, attached ("15rb", "5pm") or after at most two spaces ("1,5 triliun", "3 p.m.").
        int w = i;
        while (w < n && w - i < 2 && isSpace(text.charAt(w))) {
            w++;
        }
        int wordEnd = w < n && Character.isLetter(text.charAt(w)) ? suffixEnd(text, w) : w;
        String suffix = text.substring(w, wordEnd);
        String key = suffix.replace(".", "").toLowerCase(Locale.ROOT);
        BigDecimal scale = SCALES.get(key);
        BigDecimal maybeScale = w == i ? MAYBE_SCALES.get(key) : null;
        int clock = key.equals("am") ? 0 : key.equals("pm") ? 12 : -1;

        Set<String> values = new LinkedHashSet<>();
        for (BigDecimal reading : new BigDecimal[] {indonesian, english}) {
            if (reading != null) {
                values.add(plain(scale == null ? reading : reading.multiply(scale)));
                if (maybeScale != null) {
                    values.add(plain(reading.multiply(maybeScale)));
                }
            }
        }
        if (time != null) {
            values.add(timeValue(time[0], time[1]));
            if (time[1] == 0) {
                values.add(String.valueOf(time[0]));
            }
        }
        if (clock >= 0) {
            int hour = time != null ? time[0] : number.length() <= 2 ? Integer.parseInt(number) : -1;
            if (hour >= 0 && hour <= 12) {
                values.add(timeValue(hour, time != null ? time[1] : 0));
                if (clock == 12 && hour < 12) {
                    values.add(String.valueOf(hour + 12));
                }
            }
        }
        int end = i;
        if (scale != null || maybeScale != null || clock >= 0) {
            end = wordEnd;
            // A sentence's full stop after "triliun." or "pm." is not part of the number; "p.m." keeps its dots.
            if (text.charAt(end - 1) == '.' && suffix.indexOf('.') == suffix.length() - 1) {
                end--;
            }
        }
        mentions.add(new Mention(text.substring(start, end), values, false));
        return end;
    }

    /**
     * Reads {@code number} with {@code thousands} between groups of three digits and at most one
     * {@code decimal} mark after them; null when it is not well formed that way. A single mark with
     * other than three digits after it can only be the decimal mark ({@code 3,5}, {@code 17.38}).
     */
    private static BigDecimal grouped(String number, char thousands, char decimal) {
        if (number.indexOf(':') >= 0) {
            return null;
        }
        int mark = number.indexOf(decimal);
        if (mark >= 0 && number.indexOf(decimal, mark + 1) >= 0) {
            return null;
        }
        String whole = mark >= 0 ? number.substring(0, mark) : number;
        String fraction = mark >= 0 ? number.substring(mark + 1) : "";
        if (fraction.indexOf(thousands) >= 0) {
            return null;
        }
        StringBuilder digits = new StringBuilder(number.length());
        int group = 0;
        boolean grouped = false;
        for (int i = 0; i < whole.length(); i++) {
            char c = whole.charAt(i);
            if (c == thousands) {
                if (grouped ? group != 3 : group > 3) {
                    return null;
                }
                grouped = true;
                group = 0;
            } else {
                digits.append(c);
                group++;
            }
        }
        if (grouped && group != 3) {
            return null;
        }
        if (!fraction.isEmpty()) {
            digits.append('.').append(fraction);
        }
        return new BigDecimal(digits.toString());
    }

    /** Reads {@code H.MM} or {@code H:MM} (hour to 24, minutes below 60) as {hour, minute}; null otherwise. */
    private static int[] time(String number) {
        int mark = -1;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c == '.' || c == ':' || c == ',') {
                if (mark >= 0 || c == ',') {
                    return null;
                }
                mark = i;
            }
        }
        if (mark < 1 || mark > 2 || number.length() - mark - 1 != 2) {
            return null;
        }
        int hour = Integer.parseInt(number.substring(0, mark));
        int minute = Integer.parseInt(number.substring(mark + 1));
        return hour <= 24 && minute < 60 ? new int[] {hour, minute} : null;
    }

    /**
     * Reads an English number or month written in words, starting with the word at
     * {@code start}..{@code end}, and returns where it ends. A number may run over several words
     * joined by spaces or hyphens, the way news and broadcast transcripts write them:
     * {@code twenty-five}, {@code two million}, {@code one hundred and thirty},
     * {@code three-hundred-and-fifty-thousand}, {@code seven-and-a-half million},
     * {@code one-point-three billion}.
     */
    private static int numberWord(String text, int start, int end, List<Mention> mentions) {
        String word = text.substring(start, end).toLowerCase(Locale.ROOT);
        Integer month = MONTHS.get(word);
        if (month == null && word.equals("may") && Character.isUpperCase(text.charAt(start))) {
            month = 5;
        }
        if (month != null) {
            mentions.add(new Mention(text.substring(start, end), Set.of(String.valueOf(month)), true));
            return end;
        }
        if (!NUMBER_WORDS.containsKey(word) && !MULTIPLIERS.containsKey(word)) {
            return end;
        }
        // The words of the phrase: each joined to the one before by one space or hyphen.
        List<String> words = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        words.add(word);
        ends.add(end);
        int n = text.length();
        while (words.size() < MAX_PHRASE_WORDS && end + 1 < n && (text.charAt(end) == ' ' || text.charAt(end) == '-')
                && Character.isLetter(text.charAt(end + 1))) {
            int next = wordEnd(text, end + 1);
            String w = text.substring(end + 1, next).toLowerCase(Locale.ROOT);
            if (!NUMBER_WORDS.containsKey(w) && !MULTIPLIERS.containsKey(w) && !PHRASE_WORDS.contains(w)) {
                break;
            }
            words.add(w);
            ends.add(next);
            end = next;
        }
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal current = null;
        int used = 0;
        for (int k = 0; k < words.size(); k++) {
            String w = words.get(k);
            Integer value = NUMBER_WORDS.get(w);
            BigDecimal multiplier = MULTIPLIERS.get(w);
            if (value != null) {
                // "twenty-five" and "hundred and thirty" add up; "two three" is two numbers.
                if (current != null && !(value < 10 && current.remainder(BigDecimal.TEN).signum() == 0)
                        && current.remainder(BigDecimal.valueOf(100)).signum() != 0) {
                    break;
                }
                current = current == null ? BigDecimal.valueOf(value) : current.add(BigDecimal.valueOf(value));
            } else if (multiplier != null) {
                BigDecimal base = current == null ? BigDecimal.ONE : current;
                if (multiplier.compareTo(BigDecimal.valueOf(100)) == 0) {
                    current = base.multiply(multiplier);
                } else {
                    total = total.add(base.multiply(multiplier));
                    current = null;
                }
            } else if (w.equals("and") && current != null && k + 2 < words.size() && words.get(k + 1).equals("a")
                    && words.get(k + 2).equals("half")) {
                current = current.add(new BigDecimal("0.5"));
                k += 2;
            } else if (w.equals("and") && MULTIPLIERS.containsKey(words.get(k - 1)) && k + 1 < words.size()
                    && NUMBER_WORDS.containsKey(words.get(k + 1))) {
                continue;
            } else if (w.equals("point") && current != null && k + 1 < words.size() && digitWord(words.get(k + 1)) >= 0) {
                StringBuilder decimal = new StringBuilder(current.toPlainString()).append('.');
                while (k + 1 < words.size() && digitWord(words.get(k + 1)) >= 0) {
                    decimal.append(digitWord(words.get(++k)));
                }
                current = new BigDecimal(decimal.toString());
            } else {
                break;
            }
            used = k + 1;
        }
        BigDecimal value = current == null ? total : total.add(current);
        int phraseEnd = ends.get(Math.max(used, 1) - 1);
        mentions.add(new Mention(text.substring(start, phraseEnd), Set.of(plain(value)), true));
        return phraseEnd;
    }

    /** The digit a cardinal word names ({@code zero} to {@code nine}), or -1. */
    private static int digitWord(String word) {
        Integer value = NUMBER_WORDS.get(word);
        return value != null && value <= 9 && !ORDINALS.contains(word) ? value : -1;
    }

    private static int wordEnd(String text, int start) {
        int i = start;
        while (i < text.length() && Character.isLetter(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The end of a suffix word: letters, and dots inside or after them ({@code p.m.}). */
    private static int suffixEnd(String text, int start) {
        int i = start;
        while (i < text.length() && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '.')) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\u00a0';
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private static String timeValue(int hour, int minute) {
        return String.format(Locale.ROOT, "time %d:%02d", hour % 12, minute);
    }

    private static boolean disjoint(Set<String> a, Set<String> b) {
        for (String v : a) {
            if (b.contains(v)) {
                return false;
            }
        }
        return true;
    }

    private static String list(Set<String> texts) {
        List<String> shown = new ArrayList<>(texts).subList(0, Math.min(DETAIL_NUMBERS, texts.size()));
        String joined = shown.size() == 1 ? shown.get(0)
                : String.join(", ", shown.subList(0, shown.size() - 1)) + " and " + shown.get(shown.size() - 1);
        if (texts.size() > shown.size()) {
            joined = String.join(", ", shown) + " and " + (texts.size() - shown.size()) + " more";
        }
        return joined;
    }
}
