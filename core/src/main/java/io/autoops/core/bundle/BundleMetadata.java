package io.autoops.core.bundle;

import io.autoops.core.mdp.Feature;
import io.autoops.core.mdp.ObservationSchema;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a policy bundle says about its policy: enough to decide whether it may be put into an
 * environment, and to reproduce it.
 *
 * @param name             a short name, e.g. {@code dqn-standard}
 * @param algorithm        how it was made, e.g. {@code dqn}, {@code ppo}, {@code rules.threshold}
 * @param formatVersion    bundle format version (currently 1)
 * @param autoopsVersion   version of AutoOps that wrote it
 * @param featureNames     the observation schema's feature names, in order
 * @param featureUnits     their units, in the same order
 * @param schemaHash       {@link ObservationSchema#hash()} of that schema
 * @param actionLabels     the action space's labels, in order
 * @param trainingScenario scenario or suite it was trained on
 * @param trainingSeed     seed of the training run
 * @param evaluation       evaluation figures by name (e.g. {@code eval.return.mean}); may be empty
 * @param createdAt        when the bundle was written
 * @param properties       free-form string properties for the algorithm (hyper-parameters, ...)
 */
public record BundleMetadata(String name, String algorithm, int formatVersion, String autoopsVersion,
                             List<String> featureNames, List<String> featureUnits, String schemaHash,
                             List<String> actionLabels, String trainingScenario, long trainingSeed,
                             Map<String, Double> evaluation, Instant createdAt, Map<String, String> properties) {

    public static final int FORMAT_VERSION = 1;

    public BundleMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(autoopsVersion, "autoopsVersion");
        Objects.requireNonNull(schemaHash, "schemaHash");
        Objects.requireNonNull(trainingScenario, "trainingScenario");
        Objects.requireNonNull(createdAt, "createdAt");
        featureNames = List.copyOf(featureNames);
        featureUnits = List.copyOf(featureUnits);
        actionLabels = List.copyOf(actionLabels);
        evaluation = new TreeMap<>(evaluation);
        properties = new TreeMap<>(properties);
        if (featureNames.size() != featureUnits.size()) {
            throw new IllegalArgumentException("featureNames and featureUnits differ in length");
        }
        if (actionLabels.isEmpty()) {
            throw new IllegalArgumentException("a bundle needs at least one action label");
        }
    }

    /** Metadata for a policy over {@code schema} and {@code actionLabels}. */
    public static BundleMetadata of(String name, String algorithm, String autoopsVersion, ObservationSchema schema,
                                    List<String> actionLabels, String trainingScenario, long trainingSeed,
                                    Map<String, Double> evaluation, Instant createdAt, Map<String, String> properties) {
        return new BundleMetadata(name, algorithm, FORMAT_VERSION, autoopsVersion, schema.names(),
                schema.features().stream().map(Feature::unit).toList(), schema.hash(), actionLabels,
                trainingScenario, trainingSeed, evaluation, createdAt, properties);
    }
}
