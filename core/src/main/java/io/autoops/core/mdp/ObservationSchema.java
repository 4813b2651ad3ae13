package io.autoops.core.mdp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ordered list of named features a policy sees. It is the contract between training and live
 * healing: the simulator and the live adapter produce the same schema, and a policy bundle records
 * the schema it was trained on.
 *
 * <p>The {@link #hash()} covers feature names and units in order (not bounds or descriptions, which
 * may be refined without changing what a policy was trained on). Immutable and thread-safe.
 */
public final class ObservationSchema {

    private final List<Feature> features;
    private final Map<String, Integer> index;
    private final String hash;

    public ObservationSchema(List<Feature> features) {
        this.features = List.copyOf(Objects.requireNonNull(features, "features"));
        if (this.features.isEmpty()) {
            throw new IllegalArgumentException("an observation schema needs at least one feature");
        }
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < this.features.size(); i++) {
            Integer previous = idx.put(this.features.get(i).name(), i);
            if (previous != null) {
                throw new IllegalArgumentException("duplicate feature name '" + this.features.get(i).name()
                        + "' at positions " + previous + " and " + i);
            }
        }
        this.index = Map.copyOf(idx);
        this.hash = computeHash(this.features);
    }

    public List<Feature> features() {
        return features;
    }

    public int size() {
        return features.size();
    }

    public Feature feature(int i) {
        return features.get(i);
    }

    /** Feature names in order. */
    public List<String> names() {
        return features.stream().map(Feature::name).toList();
    }

    /** Position of the named feature, or -1. */
    public int indexOf(String name) {
        return index.getOrDefault(name, -1);
    }

    /** SHA-256 (hex) of the ordered feature names and units: stable across runs and machines. */
    public String hash() {
        return hash;
    }

    /**
     * Human-readable differences between this schema (expected) and {@code other} (actual); empty
     * when both have the same names and units in the same order.
     */
    public List<String> differences(List<String> otherNames, List<String> otherUnits) {
        List<String> diffs = new ArrayList<>();
        List<String> names = names();
        for (String n : names) {
            if (!otherNames.contains(n)) {
                diffs.add("missing feature '" + n + "'");
            }
        }
        for (String n : otherNames) {
            if (!names.contains(n)) {
                diffs.add("unexpected feature '" + n + "'");
            }
        }
        if (diffs.isEmpty()) {
            for (int i = 0; i < names.size(); i++) {
                if (!names.get(i).equals(otherNames.get(i))) {
                    diffs.add("feature order differs at position " + i + ": expected '" + names.get(i)
                            + "', found '" + otherNames.get(i) + "'");
                    break;
                }
            }
        }
        if (diffs.isEmpty() && otherUnits != null) {
            for (int i = 0; i < names.size(); i++) {
                if (!features.get(i).unit().equals(otherUnits.get(i))) {
                    diffs.add("feature '" + names.get(i) + "' has unit '" + otherUnits.get(i) + "', expected '"
                            + features.get(i).unit() + "'");
                }
            }
        }
        return diffs;
    }

    /** Differences between this schema (expected) and {@code other} (actual). */
    public List<String> differences(ObservationSchema other) {
        return differences(other.names(), other.features.stream().map(Feature::unit).toList());
    }

    private static String computeHash(List<Feature> features) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Feature f : features) {
                sha.update(f.name().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0x1f);
                sha.update(f.unit().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0x1e);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObservationSchema s && s.features.equals(features);
    }

    @Override
    public int hashCode() {
        return features.hashCode();
    }

    @Override
    public String toString() {
        return "ObservationSchema" + names();
    }
}
