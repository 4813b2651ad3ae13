package io.autoops.policies.drl;

import io.autoops.core.analysis.SymptomGate;
import io.autoops.core.bundle.BundleException;
import io.autoops.core.bundle.BundleMetadata;
import io.autoops.core.bundle.PolicyBundle;
import io.autoops.core.mdp.DiscreteSpace;
import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.mdp.Policy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Learned policies as policy bundles: the network's DL4J configuration (JSON), its parameters (raw
 * little-endian floats) and the observation normaliser (JSON). Loading checks the bundle's checksums
 * and its observation schema and action labels against the target before any number is read.
 */
public final class DrlBundles {

    static final String NETWORK = "network.json";
    static final String PARAMS = "parameters.bin";
    static final String NORMALIZER = "normalizer.json";

    private DrlBundles() {
    }

    /** Writes a greedy network policy (Q-network or policy logits) as a bundle. */
    public static PolicyBundle write(Path zip, BundleMetadata metadata, Mlp network, ObservationNormalizer normalizer) {
        return PolicyBundle.write(zip, metadata, Map.of(
                NETWORK, network.configJson().getBytes(StandardCharsets.UTF_8),
                PARAMS, Mlp.floatsToBytes(network.parameters()),
                NORMALIZER, normalizer.toJson().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The greedy policy of a bundle, for an environment with {@code schema} and {@code actions}.
     *
     * @throws BundleException when the bundle is corrupt, of another kind, or does not fit the environment
     */
    public static GreedyPolicy loadGreedy(PolicyBundle bundle, ObservationSchema schema, DiscreteSpace actions) {
        bundle.requireCompatible(schema, actions);
        String where = "bundle " + bundle.source();
        if (!bundle.modelFileNames().contains(NETWORK) || !bundle.modelFileNames().contains(PARAMS)) {
            throw new BundleException(where + " (algorithm " + bundle.metadata().algorithm()
                    + ") has no network (model/" + NETWORK + ", model/" + PARAMS + ")");
        }
        try {
            Mlp net = Mlp.restore(new String(bundle.modelFile(NETWORK), StandardCharsets.UTF_8),
                    Mlp.bytesToFloats(bundle.modelFile(PARAMS)));
            ObservationNormalizer norm = ObservationNormalizer.fromJson(new String(bundle.modelFile(NORMALIZER), StandardCharsets.UTF_8));
            if (net.inputs() != schema.size() || net.outputs() != actions.n()) {
                throw new BundleException(where + ": network has " + net.inputs() + " inputs and " + net.outputs()
                        + " outputs, the environment " + schema.size() + " features and " + actions.n() + " actions");
            }
            float[] p = net.parameters();
            for (float v : p) {
                if (!Float.isFinite(v)) {
                    throw new BundleException(where + ": the network has non-finite parameters (a diverged run?)");
                }
            }
            return new GreedyPolicy(net, norm);
        } catch (BundleException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BundleException(where + ": cannot build the network: " + e.getMessage(), e);
        }
    }

    /**
     * The bundle's policy as it was trained: its greedy network, behind the action gate it was trained
     * behind (bundle property {@value SymptomGate#PROPERTY}), if any, without the gate's root-cause rule.
     *
     * @throws BundleException as {@link #loadGreedy}, or when the bundle names a gate this version does not know
     */
    public static Policy loadPolicy(PolicyBundle bundle, ObservationSchema schema, DiscreteSpace actions) {
        return loadPolicy(bundle, schema, actions, Map.of(), Map.of());
    }

    /**
     * As {@link #loadPolicy(PolicyBundle, ObservationSchema, DiscreteSpace)}, with the call graph for the
     * gate's root-cause rule (in simulation; live, the root-cause guard masks the same actions) and the
     * services' baseline replicas (the {@value SymptomGate#SYMPTOMS_SURPLUS} gate needs them).
     */
    public static Policy loadPolicy(PolicyBundle bundle, ObservationSchema schema, DiscreteSpace actions,
                                    Map<String, java.util.List<String>> calls, Map<String, Integer> baseline) {
        GreedyPolicy greedy = loadGreedy(bundle, schema, actions);
        String gate = bundle.metadata().properties().get(SymptomGate.PROPERTY);
        if (gate == null) {
            return greedy;
        }
        try {
            return SymptomGate.named(gate, schema, actions, calls, baseline).gate(greedy);
        } catch (IllegalArgumentException e) {
            throw new BundleException("bundle " + bundle.source() + " (property " + SymptomGate.PROPERTY + "): "
                    + e.getMessage(), e);
        }
    }

    /** Reads and loads in one go ({@link #loadPolicy}). */
    public static Policy load(Path zip, ObservationSchema schema, DiscreteSpace actions) {
        return loadPolicy(PolicyBundle.read(zip), schema, actions);
    }
}
