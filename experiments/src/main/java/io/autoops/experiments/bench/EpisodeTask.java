package io.autoops.experiments.bench;

/**
 * One unit of benchmark work: a self-contained, serialisable description (names and a seed, no
 * objects), so that any engine — these threads, or later a cluster — can run the same sweep and get
 * the same numbers.
 *
 * @param scenario scenario name or file, as given to the suite
 * @param policy   policy registry name
 * @param seed     episode seed (an evaluation seed)
 */
public record EpisodeTask(String scenario, String policy, long seed) {
    public String runName() {
        return scenario.replace('/', '-') + "__" + policy + "__" + seed;
    }
}
