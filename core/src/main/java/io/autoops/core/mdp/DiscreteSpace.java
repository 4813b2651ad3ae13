package io.autoops.core.mdp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A discrete action space {@code {0, ..., n-1}} whose actions have unique, human-readable labels
 * (e.g. {@code "restart:payment"}). Which actions are valid in a given state is told by the
 * environment's action mask. Immutable and thread-safe.
 */
public final class DiscreteSpace {

    private final List<String> labels;
    private final Map<String, Integer> index;

    public DiscreteSpace(List<String> labels) {
        this.labels = List.copyOf(Objects.requireNonNull(labels, "labels"));
        if (this.labels.isEmpty()) {
            throw new IllegalArgumentException("a discrete space needs at least one action");
        }
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < this.labels.size(); i++) {
            if (idx.put(this.labels.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate action label '" + this.labels.get(i) + "'");
            }
        }
        this.index = Map.copyOf(idx);
    }

    /** Number of actions. */
    public int n() {
        return labels.size();
    }

    public List<String> labels() {
        return labels;
    }

    public String label(int action) {
        return labels.get(action);
    }

    /** Position of the labelled action, or -1. */
    public int indexOf(String label) {
        return index.getOrDefault(label, -1);
    }

    public boolean contains(int action) {
        return action >= 0 && action < labels.size();
    }

    /** A mask with every action valid. */
    public boolean[] allValid() {
        boolean[] mask = new boolean[labels.size()];
        java.util.Arrays.fill(mask, true);
        return mask;
    }
}
