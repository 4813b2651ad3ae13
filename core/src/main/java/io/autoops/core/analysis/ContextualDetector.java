package io.autoops.core.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A contextual anomaly detector after M. Smirnov's CAD OSE (2016; NAB standard 69.9). Each value is
 * quantised to {@code bits} bits over the series' range, one "fact" per bit. The detector remembers
 * contexts: a left part (the previous step's facts plus the contexts that were active then) followed
 * by a right part (the current facts), and learns for each context how often its right part came true
 * once its left part was complete. A point is anomalous when its facts were not predicted, when few of
 * the contexts that were due came true, and when it creates many new contexts. After a raw score of
 * 0.75 the next {@code restPeriod} points score 0 (one anomaly is reported once).
 *
 * <p>Online, the range is learned: from the first {@code warmup} points (they score 0, then go into
 * the memory); a later value outside the range widens it, by {@code widenMargin} times the widened
 * range beyond that value so that widening stays rare, and the memory is rebuilt from the last
 * {@code replay} values under the new quantisation before the value is scored. Given the range (as
 * NAB's harness gives every detector its file's minimum and maximum), there is no warm-up.
 *
 * <p>The memory is not bounded: it grows with the variety of the series (about 70,000 contexts after
 * NAB's 4,032 points of pure noise, a few hundred on a regular series), which suits series of up to
 * tens of thousands of points, like NAB's; a detector watching a metric for weeks should be renewed.
 */
public final class ContextualDetector implements AnomalyDetector {

    private static final int SENSOR_BASE = 1 << 16;
    private static final int NEURON_BASE = 1 << 30;
    private static final double BASE_THRESHOLD = 0.75;

    /** The detector's settings; {@link #defaults()} are CAD OSE's, with the online range's. */
    public record Settings(int bits, int maxActive, int maxLeftFacts, int restPeriod, int warmup, double widenMargin,
                           int replay) {
        public Settings {
            if (bits < 1 || bits > 12 || maxActive < 1 || maxLeftFacts < 1 || restPeriod < 0 || warmup < 1
                    || !(widenMargin >= 0) || replay < 0) {
                throw new IllegalArgumentException("contextual detector: need bits in [1, 12], maxActive >= 1, maxLeftFacts >= 1,"
                        + " restPeriod >= 0, warmup >= 1, widenMargin >= 0 and replay >= 0, got " + this);
            }
        }

        public static Settings defaults() {
            return new Settings(3, 15, 7, 120, 300, 0.5, 1000);
        }

        public Settings withRestPeriod(int points) {
            return new Settings(bits, maxActive, maxLeftFacts, points, warmup, widenMargin, replay);
        }
    }

    private final Settings settings;
    private final int maxBin;
    private final double[] warm;
    private int warmCount;
    private double min;
    private double max;
    private double step;
    private final double[] recent;
    private long recentCount;
    private Memory memory;
    private int sinceHighScore;

    public ContextualDetector() {
        this(Settings.defaults());
    }

    public ContextualDetector(Settings settings) {
        this.settings = settings;
        this.maxBin = (1 << settings.bits()) - 1;
        this.warm = new double[settings.warmup()];
        this.recent = new double[settings.replay()];
        this.memory = new Memory(settings);
        this.sinceHighScore = Integer.MAX_VALUE;
    }

    /** The detector with the series' range known in advance: no warm-up, and the first {@code restPeriod} points rest. */
    public static ContextualDetector withRange(double min, double max, Settings settings) {
        ContextualDetector d = new ContextualDetector(settings);
        d.warmCount = settings.warmup();
        d.setRange(min, max);
        d.sinceHighScore = 0;
        return d;
    }

    @Override
    public String name() {
        return "cad";
    }

    @Override
    public double score(long timestampMillis, double value) {
        if (!Double.isFinite(value)) {
            return 0;
        }
        if (warmCount < warm.length) {
            warm[warmCount++] = value;
            if (warmCount == warm.length) {
                setRange(Arrays.stream(warm).min().orElseThrow(), Arrays.stream(warm).max().orElseThrow());
                for (double v : warm) {
                    keepRecent(v);
                    memory.learn(encode(v));
                }
            }
            return 0;
        }
        if (settings.widenMargin() > 0 && (value < min || value > max)) {
            double lo = Math.min(min, value);
            double hi = Math.max(max, value);
            double pad = settings.widenMargin() * (hi - lo);
            setRange(value < min ? lo - pad : lo, value > max ? hi + pad : hi);
            memory = new Memory(settings);
            for (long k = Math.max(0, recentCount - recent.length); k < recentCount; k++) {
                memory.learn(encode(recent[(int) (k % recent.length)]));
            }
        }
        keepRecent(value);
        double s = memory.learn(encode(value));
        boolean resting = sinceHighScore < settings.restPeriod();
        if (s >= BASE_THRESHOLD) {
            sinceHighScore = 0;
        } else if (sinceHighScore < Integer.MAX_VALUE) {
            sinceHighScore++;
        }
        return resting ? 0 : s;
    }

    private void keepRecent(double value) {
        if (recent.length > 0) {
            recent[(int) (recentCount++ % recent.length)] = value;
        }
    }

    private void setRange(double lo, double hi) {
        min = lo;
        max = hi;
        step = hi > lo ? (hi - lo) / maxBin : 1;
    }

    private int[] encode(double value) {
        int bin = (int) Math.max(0, Math.min(maxBin, Math.floor((value - min) / step)));
        int[] facts = new int[settings.bits()];
        for (int b = 0; b < facts.length; b++) {
            facts[b] = SENSOR_BASE + 2 * b + ((bin >> b) & 1);
        }
        return facts;
    }

    /** The contexts learnt so far under one quantisation. */
    private static final class Memory {

        private final Settings settings;
        private final Side left = new Side();
        private final Side right = new Side();
        private final List<Context> contexts = new ArrayList<>();
        /** (left semi-context id, right semi-context id) -> context id. */
        private final Map<Long, Integer> contextIds = new HashMap<>();
        private int[] leftFacts = new int[0];
        private Set<Integer> predicted = Set.of();

        Memory(Settings settings) {
            this.settings = settings;
        }

        /** The raw score of the next facts, then the memory learns from them. */
        double learn(int[] facts) {
            boolean surprise = false;
            for (int f : facts) {
                surprise |= !predicted.contains(f);
            }
            Outcome o = step(facts);
            predicted = o.predictions;
            return surprise ? (1 - o.activeShare + o.newShare) / 2 : 0;
        }

        private record Outcome(Set<Integer> predictions, double activeShare, double newShare) {
        }

        private Outcome step(int[] facts) {
            Set<Candidate> unique = new LinkedHashSet<>();
            int newestContext = -1;
            if (leftFacts.length > 0) {
                Candidate zero = new Candidate(leftFacts, facts);
                unique.add(zero);
                newestContext = remember(zero, true);
            }
            boolean grew = newestContext >= 0;

            // Which contexts were due (left part complete last step), which came true, which could be new.
            right.cross(facts);
            List<Context> active = new ArrayList<>();
            List<Candidate> candidates = new ArrayList<>();
            int due = 0;
            for (SemiContext l : left.crossed) {
                boolean complete = l.matchedCount == l.facts.length;
                for (int k = 0; k < l.size; k++) {
                    int id = l.contextIds[k];
                    if (id == newestContext) {
                        continue;
                    }
                    Context c = contexts.get(id);
                    SemiContext r = right.all.get(l.rightIds[k]);
                    if (complete) {
                        due++;
                        c.due += r.facts.length;
                        if (r.matchedCount == 0) {
                            continue;
                        }
                        c.hits += r.matchedCount;
                        if (r.matchedCount == r.facts.length) {
                            c.activations++;
                            active.add(c);
                            continue;
                        }
                    } else if (r.matchedCount == 0) {
                        continue;
                    }
                    if (c.zeroLevel && grew && l.matchedCount <= settings.maxLeftFacts()) {
                        candidates.add(new Candidate(l.matched(), r.matched()));
                    }
                }
            }
            unique.addAll(candidates);
            double activeShare = due > 0 ? active.size() / (double) due : 0;

            // The next left part: these facts and the most used of the contexts that came true.
            active.sort((a, b) -> a.activations != b.activations ? Integer.compare(a.activations, b.activations)
                    : Integer.compare(a.id, b.id));
            int from = Math.max(0, active.size() - settings.maxActive());
            int[] next = Arrays.copyOf(facts, facts.length + active.size() - from);
            for (int i = from; i < active.size(); i++) {
                next[facts.length + i - from] = NEURON_BASE + active.get(i).id;
            }
            Arrays.sort(next);
            leftFacts = distinct(next);

            int added = grew ? 1 : 0;
            for (Candidate c : candidates) {
                added += remember(c, false) >= 0 ? 1 : 0;
            }

            // Predictions: the right parts of the contexts, now complete on the left, that came true most often.
            left.cross(leftFacts);
            double best = 0;
            List<Context> predicting = new ArrayList<>();
            for (SemiContext l : left.crossed) {
                if (l.matchedCount != l.facts.length) {
                    continue;
                }
                for (int k = 0; k < l.size; k++) {
                    Context c = contexts.get(l.contextIds[k]);
                    double w = c.due > 0 ? c.hits / (double) c.due : 0;
                    if (w > best) {
                        best = w;
                        predicting.clear();
                        predicting.add(c);
                    } else if (w == best) {
                        predicting.add(c);
                    }
                }
            }
            Set<Integer> predictions = new HashSet<>();
            for (Context c : predicting) {
                for (int f : c.rightFacts) {
                    predictions.add(f);
                }
            }
            double newShare = grew && !unique.isEmpty() ? added / (double) unique.size() : 0;
            return new Outcome(predictions, activeShare, newShare);
        }

        private static int[] distinct(int[] sorted) {
            int n = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    sorted[n++] = sorted[i];
                }
            }
            return Arrays.copyOf(sorted, n);
        }

        /**
         * Stores the context unless known; answers its id when it is new, else -1. A zero-level candidate
         * (last step's left part followed by this step's facts, as seen) marks a known context zero-level.
         */
        private int remember(Candidate candidate, boolean zeroLevel) {
            SemiContext l = left.intern(candidate.left);
            SemiContext r = right.intern(candidate.right);
            long key = ((long) l.id << 32) | r.id;
            Integer known = contextIds.get(key);
            if (known != null) {
                if (zeroLevel) {
                    contexts.get(known).zeroLevel = true;
                }
                return -1;
            }
            Context c = new Context(contexts.size(), candidate.right, zeroLevel);
            contexts.add(c);
            contextIds.put(key, c.id);
            l.add(r.id, c.id);
            return c.id;
        }
    }

    private record Candidate(int[] left, int[] right) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Candidate c && Arrays.equals(left, c.left) && Arrays.equals(right, c.right);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(left) + Arrays.hashCode(right);
        }
    }

    private static final class Context {
        final int id;
        final int[] rightFacts;
        boolean zeroLevel;
        long due;
        long hits;
        int activations;

        Context(int id, int[] rightFacts, boolean zeroLevel) {
            this.id = id;
            this.rightFacts = rightFacts;
            this.zeroLevel = zeroLevel;
        }
    }

    private static final class SemiContext {
        final int id;
        final int[] facts;
        /** For a left semi-context: its contexts' right semi-context ids and context ids, oldest first. */
        int[] rightIds = new int[0];
        int[] contextIds = new int[0];
        int size;
        final int[] matchedFacts;
        int matchedCount;

        SemiContext(int id, int[] facts) {
            this.id = id;
            this.facts = facts;
            this.matchedFacts = new int[facts.length];
        }

        void add(int rightId, int contextId) {
            if (size == rightIds.length) {
                rightIds = Arrays.copyOf(rightIds, Math.max(4, size * 2));
                contextIds = Arrays.copyOf(contextIds, rightIds.length);
            }
            rightIds[size] = rightId;
            contextIds[size++] = contextId;
        }

        int[] matched() {
            return Arrays.copyOf(matchedFacts, matchedCount);
        }
    }

    /** The semi-contexts of one side, indexed by fact, and those the last crossing touched. */
    private static final class Side {
        final Map<Key, SemiContext> byFacts = new HashMap<>();
        final Map<Integer, List<SemiContext>> byFact = new HashMap<>();
        final List<SemiContext> all = new ArrayList<>();
        List<SemiContext> crossed = new ArrayList<>();

        SemiContext intern(int[] facts) {
            return byFacts.computeIfAbsent(new Key(facts), k -> {
                SemiContext s = new SemiContext(all.size(), facts);
                all.add(s);
                for (int f : facts) {
                    byFact.computeIfAbsent(f, x -> new ArrayList<>()).add(s);
                }
                return s;
            });
        }

        /** Marks in every semi-context the given (sorted, distinct) facts it holds; crossed = those with any, oldest first. */
        void cross(int[] facts) {
            for (SemiContext s : crossed) {
                s.matchedCount = 0;
            }
            List<SemiContext> touched = new ArrayList<>();
            for (int f : facts) {
                for (SemiContext s : byFact.getOrDefault(f, List.of())) {
                    if (s.matchedCount == 0) {
                        touched.add(s);
                    }
                    s.matchedFacts[s.matchedCount++] = f;
                }
            }
            touched.sort((a, b) -> Integer.compare(a.id, b.id));
            crossed = touched;
        }
    }

    private record Key(int[] facts) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(facts, k.facts);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(facts);
        }
    }
}
