package dev.kabar.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Progress of one hypothesis through its {@code force_words_ids}, as transformers 4.40's
 * {@code ConstraintListState} tracks it with {@code PhrasalConstraint} and
 * {@code DisjunctiveConstraint}.
 *
 * <p>Search ranks hypotheses by the "bank" this state reports, so its quirks decide outputs and are
 * kept on purpose: a token that breaks a constraint in progress puts a fresh copy of that
 * constraint at the end of the pending list and is not tried against the other constraints; and a
 * disjunctive constraint in progress shares its list of matched tokens with the copies made of it
 * (the reference's stateful copy does not copy the list), so when several alternatives continue
 * from the same point, advancing a copy by one of them moves the others on too. Package-private:
 * {@link ConstrainedBeamSearch} is its only user.
 */
final class ConstraintStates {

    private ConstraintStates() {
    }

    /** One constraint's progress. */
    abstract static class Constraint {
        /** Steps the longest way to fulfil it takes: the phrase's length, or the longest alternative's. */
        abstract int seqLen();

        abstract boolean completed();

        /** The tokens that make progress now; empty when none does. */
        abstract List<Integer> advance();

        abstract boolean doesAdvance(int token);

        /** Feeds a token; returns {stepped, completed, reset}. */
        abstract boolean[] update(int token);

        abstract int remaining();

        /** A fresh copy, or with {@code stateful} one that carries the progress (see the class comment). */
        abstract Constraint copy(boolean stateful);
    }

    /** A phrase: its ids contiguously, in order. */
    static final class Phrasal extends Constraint {
        private final int[] ids;
        private int fulfilledIdx = -1;
        private boolean completed;

        Phrasal(int[] ids) {
            this.ids = ids;
        }

        @Override
        int seqLen() {
            return ids.length;
        }

        @Override
        boolean completed() {
            return completed;
        }

        @Override
        List<Integer> advance() {
            return completed ? List.of() : List.of(ids[fulfilledIdx + 1]);
        }

        @Override
        boolean doesAdvance(int token) {
            return !completed && token == ids[fulfilledIdx + 1];
        }

        @Override
        boolean[] update(int token) {
            boolean stepped = false;
            boolean done = false;
            boolean reset = false;
            if (doesAdvance(token)) {
                fulfilledIdx++;
                stepped = true;
                done = fulfilledIdx == ids.length - 1;
                completed = done;
            } else {
                reset = true;
                // The reference resets to 0, not -1; the object is dropped right after, so it never shows.
                completed = false;
                fulfilledIdx = 0;
            }
            return new boolean[] {stepped, done, reset};
        }

        @Override
        int remaining() {
            return ids.length - (fulfilledIdx + 1);
        }

        @Override
        Constraint copy(boolean stateful) {
            Phrasal c = new Phrasal(ids);
            if (stateful) {
                c.fulfilledIdx = fulfilledIdx;
                c.completed = completed;
            }
            return c;
        }
    }

    /** One of several alternatives, followed through a trie of them. */
    static final class Disjunctive extends Constraint {
        private final Map<Integer, Object> trie;
        private final int maxHeight;
        private final List<int[]> alternatives;
        /** Matched tokens; shared with stateful copies, as in the reference. */
        private List<Integer> currentSeq = new ArrayList<>();
        private boolean completed;

        Disjunctive(List<int[]> alternatives) {
            this.alternatives = alternatives;
            Map<Integer, Object> root = new LinkedHashMap<>();
            int height = 0;
            for (int[] alt : alternatives) {
                height = Math.max(height, alt.length);
                Map<Integer, Object> level = root;
                for (int t : alt) {
                    level = child(level, t, true);
                }
            }
            this.trie = root;
            this.maxHeight = height;
        }

        private Disjunctive(Disjunctive template) {
            this.alternatives = template.alternatives;
            this.trie = template.trie;
            this.maxHeight = template.maxHeight;
        }

        @SuppressWarnings("unchecked")
        private static Map<Integer, Object> child(Map<Integer, Object> level, int token, boolean create) {
            Object next = level.get(token);
            if (next == null && create) {
                next = new LinkedHashMap<Integer, Object>();
                level.put(token, next);
            }
            return (Map<Integer, Object>) next;
        }

        /** The trie's next tokens after {@code seq}, in insertion order as Python's dict keeps them. */
        private List<Integer> nextTokens(List<Integer> seq) {
            Map<Integer, Object> level = trie;
            for (int t : seq) {
                level = child(level, t, false);
            }
            return new ArrayList<>(level.keySet());
        }

        @Override
        int seqLen() {
            return maxHeight;
        }

        @Override
        boolean completed() {
            return completed;
        }

        @Override
        List<Integer> advance() {
            return nextTokens(currentSeq);
        }

        @Override
        boolean doesAdvance(int token) {
            return nextTokens(currentSeq).contains(token);
        }

        @Override
        boolean[] update(int token) {
            boolean stepped = false;
            boolean reset = false;
            if (doesAdvance(token)) {
                currentSeq.add(token);
                stepped = true;
            } else {
                reset = true;
                completed = false;
                currentSeq = new ArrayList<>();
            }
            completed = nextTokens(currentSeq).isEmpty();
            return new boolean[] {stepped, completed, reset};
        }

        @Override
        int remaining() {
            return completed ? 0 : maxHeight - currentSeq.size();
        }

        @Override
        Constraint copy(boolean stateful) {
            Disjunctive c = new Disjunctive(this);
            if (stateful) {
                c.currentSeq = currentSeq;
                c.completed = completed;
            }
            return c;
        }
    }

    /** Makes the template constraints of a list of items. */
    static List<Constraint> of(List<ForcedWords> items) {
        List<Constraint> out = new ArrayList<>(items.size());
        for (ForcedWords item : items) {
            out.add(item.disjunctive() ? new Disjunctive(item.alternatives()) : new Phrasal(item.alternatives().get(0)));
        }
        return out;
    }

    /** Progress through all of a hypothesis' constraints: which are complete, the one in progress, the pending ones. */
    static final class ListState {
        private final List<Constraint> templates;
        private final int maxSeqLen;
        private boolean completed;
        private List<Constraint> complete;
        private Constraint inProgress;
        private List<Constraint> pending;

        ListState(List<Constraint> templates) {
            this.templates = templates;
            int max = 0;
            for (Constraint c : templates) {
                max = Math.max(max, c.seqLen());
            }
            this.maxSeqLen = max;
            initState();
        }

        private void initState() {
            complete = new ArrayList<>();
            inProgress = null;
            pending = new ArrayList<>();
            for (Constraint c : templates) {
                pending.add(c.copy(false));
            }
        }

        boolean completed() {
            return completed;
        }

        /** Ranks hypotheses: complete constraints count their longest length, the one in progress its steps done. */
        int bank() {
            int add = inProgress != null ? maxSeqLen - inProgress.remaining() : 0;
            return complete.size() * maxSeqLen + add;
        }

        /** The tokens that make progress: the constraint in progress', else every pending one's first. */
        List<Integer> advance() {
            List<Integer> tokens = new ArrayList<>();
            if (inProgress == null) {
                for (Constraint c : pending) {
                    tokens.addAll(c.advance());
                }
            } else {
                tokens.addAll(inProgress.advance());
            }
            return tokens;
        }

        /** Starts over and feeds {@code tokens}, stopping once every constraint is complete. */
        void reset(int[] tokens, int len) {
            initState();
            // The reference re-creates the state object per hypothesis, so nothing is complete yet.
            completed = false;
            for (int i = 0; i < len; i++) {
                add(tokens[i]);
                if (completed) {
                    break;
                }
            }
        }

        void add(int token) {
            if (completed) {
                return;
            }
            if (inProgress != null) {
                boolean[] r = inProgress.update(token);
                boolean done = r[1];
                if (r[2]) {
                    // Broken: a fresh copy goes to the end of the pending list; the token is not tried on the others.
                    pending.add(inProgress.copy(false));
                    inProgress = null;
                }
                if (done) {
                    complete.add(inProgress);
                    inProgress = null;
                    if (pending.isEmpty()) {
                        completed = true;
                    }
                }
                return;
            }
            for (int i = 0; i < pending.size(); i++) {
                Constraint c = pending.get(i);
                if (c.doesAdvance(token)) {
                    boolean[] r = c.update(token);
                    boolean stepped = r[0];
                    boolean done = r[1];
                    if (done) {
                        complete.add(c);
                        inProgress = null;
                    }
                    if (!done && stepped) {
                        inProgress = c;
                    }
                    if (done || stepped) {
                        pending.remove(i);
                        if (pending.isEmpty() && inProgress == null) {
                            completed = true;
                        }
                        break;
                    }
                }
            }
        }

        /** A copy that carries the progress: stateful copies of the complete and in-progress constraints, fresh pending ones. */
        ListState copy() {
            ListState s = new ListState(templates);
            s.complete = new ArrayList<>();
            for (Constraint c : complete) {
                s.complete.add(c.copy(true));
            }
            s.inProgress = inProgress == null ? null : inProgress.copy(true);
            s.pending = new ArrayList<>();
            for (Constraint c : pending) {
                s.pending.add(c.copy(false));
            }
            // The reference's copy does not carry the completed flag: it starts false.
            s.completed = false;
            return s;
        }
    }

    /** Whether {@code seq[0, len)} satisfies every constraint. */
    static boolean completes(List<Constraint> templates, int[] seq, int len) {
        ListState s = new ListState(templates);
        s.reset(seq, len);
        return s.completed();
    }
}
