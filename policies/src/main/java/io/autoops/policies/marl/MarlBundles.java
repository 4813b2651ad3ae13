package io.autoops.policies.marl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.autoops.core.bundle.BundleException;
import io.autoops.core.bundle.BundleMetadata;
import io.autoops.core.bundle.PolicyBundle;
import io.autoops.core.mdp.AgentId;
import io.autoops.core.mdp.DiscreteSpace;
import io.autoops.core.mdp.ParallelEnvironment;
import io.autoops.policies.drl.Mlp;
import io.autoops.policies.drl.ObservationNormalizer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-agent policies as policy bundles. The metadata's schema is the environment's global state and
 * its action labels are every healer's actions as {@code agent/label}, so the usual compatibility check
 * names any difference; {@code model/agents.json} lists each healer's observation features (checked
 * too); then one network ({@code network-J.json}, {@code parameters-J.bin}) per healer or one shared,
 * and the normaliser.
 */
public final class MarlBundles {

    static final String AGENTS = "agents.json";
    static final String NORMALIZER = "normalizer.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MarlBundles() {
    }

    /** Every agent's action labels as {@code agent/label}, in agent order: the bundle's action labels. */
    public static DiscreteSpace jointLabels(ParallelEnvironment<?> env) {
        List<String> labels = new ArrayList<>();
        for (AgentId a : env.possibleAgents()) {
            for (String l : env.actionSpace(a).labels()) {
                labels.add(a.name() + "/" + l);
            }
        }
        return new DiscreteSpace(labels);
    }

    /** Metadata for a joint policy of {@code env}'s agents. */
    public static BundleMetadata metadata(String name, String algorithm, String autoopsVersion, ParallelEnvironment<?> env,
                                          String trainingScenario, long trainingSeed, Map<String, Double> evaluation,
                                          Map<String, String> properties) {
        return BundleMetadata.of(name, algorithm, autoopsVersion, env.globalStateSpace().schema(),
                jointLabels(env).labels(), trainingScenario, trainingSeed, evaluation, java.time.Instant.now(), properties);
    }

    /** Writes the networks (one shared, or one per agent in agent order) and normaliser for {@code env}'s agents. */
    public static PolicyBundle write(Path zip, BundleMetadata metadata, ParallelEnvironment<?> env, Mlp[] networks,
                                     ObservationNormalizer normalizer) {
        ObjectNode root = JSON.createObjectNode();
        root.put("shareParameters", networks.length == 1);
        ArrayNode agents = root.putArray("agents");
        for (AgentId a : env.possibleAgents()) {
            ObjectNode node = agents.addObject();
            node.put("name", a.name());
            ArrayNode features = node.putArray("features");
            env.observationSpace(a).schema().names().forEach(features::add);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(AGENTS, root.toPrettyString().getBytes(StandardCharsets.UTF_8));
        for (int j = 0; j < networks.length; j++) {
            files.put("network-" + j + ".json", networks[j].configJson().getBytes(StandardCharsets.UTF_8));
            files.put("parameters-" + j + ".bin", Mlp.floatsToBytes(networks[j].parameters()));
        }
        files.put(NORMALIZER, normalizer.toJson().getBytes(StandardCharsets.UTF_8));
        return PolicyBundle.write(zip, metadata, files);
    }

    /**
     * The greedy joint policy of a bundle, for {@code env}'s agents.
     *
     * @throws BundleException when the bundle is corrupt, of another kind, or does not fit the environment
     */
    public static JointGreedyPolicy load(PolicyBundle bundle, ParallelEnvironment<?> env) {
        bundle.requireCompatible(env.globalStateSpace().schema(), jointLabels(env));
        String where = "bundle " + bundle.source();
        if (!bundle.modelFileNames().contains(AGENTS)) {
            throw new BundleException(where + " (algorithm " + bundle.metadata().algorithm()
                    + ") is not a multi-agent policy: it has no model/" + AGENTS);
        }
        try {
            JsonNode root = JSON.readTree(bundle.modelFile(AGENTS));
            List<String> problems = new ArrayList<>();
            JsonNode agents = root.path("agents");
            for (int i = 0; i < env.possibleAgents().size(); i++) {
                AgentId a = env.possibleAgents().get(i);
                JsonNode node = agents.path(i);
                List<String> trained = new ArrayList<>();
                node.path("features").forEach(f -> trained.add(f.asText()));
                if (!a.name().equals(node.path("name").asText()) || !trained.equals(env.observationSpace(a).schema().names())) {
                    problems.add("agent " + a + " observes " + env.observationSpace(a).schema().names() + ", the bundle's "
                            + node.path("name").asText() + " " + trained);
                }
            }
            if (!problems.isEmpty()) {
                throw new BundleException(where + " does not fit this environment's agents: " + String.join("; ", problems));
            }
            int count = root.path("shareParameters").asBoolean() ? 1 : env.possibleAgents().size();
            Mlp[] nets = new Mlp[count];
            for (int j = 0; j < count; j++) {
                nets[j] = Mlp.restore(new String(bundle.modelFile("network-" + j + ".json"), StandardCharsets.UTF_8),
                        Mlp.bytesToFloats(bundle.modelFile("parameters-" + j + ".bin")));
                for (float v : nets[j].parameters()) {
                    if (!Float.isFinite(v)) {
                        throw new BundleException(where + ": network " + j + " has non-finite parameters (a diverged run?)");
                    }
                }
            }
            ObservationNormalizer norm = ObservationNormalizer.fromJson(new String(bundle.modelFile(NORMALIZER),
                    StandardCharsets.UTF_8));
            return new JointGreedyPolicy(AgentInputs.of(env), nets, norm);
        } catch (BundleException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new BundleException(where + ": cannot build the networks: " + e.getMessage(), e);
        }
    }
}
