package io.autoops.env.scenario;

import java.util.List;

/**
 * A scenario as written in YAML (after merging with its base): topology, traffic, faults, platform,
 * reward weights and episode length. Validated by {@link ScenarioLoader}; every time is in seconds,
 * every rate per second unless the name says otherwise.
 *
 * @param name          scenario name, e.g. {@code standard/leak}
 * @param description   one line for humans
 * @param base          the scenario this one extends ({@code ecommerce} by default, {@code none} for a self-contained file)
 * @param tickSeconds   simulated seconds per tick (one decision per tick)
 * @param episodeTicks  ticks per episode; the episode is truncated after them
 * @param topology      services, call graph and nodes
 * @param traffic       external load at the gateway
 * @param faults        faults injected at fixed times
 * @param randomFaults  faults injected at random (seeded) times
 * @param deploys       benign deployments, so that "time since deploy" is not a give-away
 * @param platform      what the platform heals by itself (Kubernetes-style liveness restarts, HPA)
 * @param reward        reward weights
 * @param recovery      when a fault counts as recovered
 * @param history       what happened before the episode (absent: nothing)
 * @param measurement   how the metrics are measured (absent: exactly)
 */
public record ScenarioSpec(String name, String description, String base, double tickSeconds, int episodeTicks,
                           TopologySpec topology, TrafficSpec traffic, List<FaultSpec> faults,
                           RandomFaultsSpec randomFaults, DeploySpec deploys, PlatformSpec platform,
                           RewardSpec reward, RecoverySpec recovery, HistorySpec history,
                           MeasurementSpec measurement) {

    public ScenarioSpec {
        history = history == null ? HistorySpec.NONE : history;
        measurement = measurement == null ? MeasurementSpec.EXACT : measurement;
    }

    /**
     * @param parallelCalls a service makes its calls to its dependencies at once and waits for the slowest
     *                      (as the demo shop does); false (the default, may be left out): one after another
     */
    public record TopologySpec(List<ServiceSpec> services, List<NodeSpec> nodes, Boolean parallelCalls) {
        public TopologySpec {
            parallelCalls = parallelCalls != null && parallelCalls;
        }
    }

    /**
     * @param capacity      requests/s one instance serves (it is one server of an M/M/c queue)
     * @param baseLatencyMs latency floor of the service's own work, without queueing or downstream calls
     * @param sloMs         latency objective for this service's responses
     * @param timeoutMs     callers give up after this long (the call counts as failed)
     * @param memoryMb      resident memory of a fresh instance
     * @param memoryLimitMb an instance above this is OOM-killed
     * @param cpu           cores one instance uses at full load
     * @param startupSeconds time from start to ready
     */
    public record ServiceSpec(String name, double capacity, double baseLatencyMs, double sloMs, double timeoutMs,
                              double memoryMb, double memoryLimitMb, double cpu, double startupSeconds,
                              int minReplicas, int maxReplicas, int replicas, List<DependencySpec> dependencies) {
    }

    /**
     * A call from the enclosing service to {@code service}, {@code fanout} times per request
     * (default 1); a failing critical call (the default) fails the request, an optional one degrades it.
     */
    public record DependencySpec(String service, Double fanout, Boolean critical) {
        public DependencySpec {
            fanout = fanout == null ? 1.0 : fanout;
            critical = critical == null || critical;
        }
    }

    public record NodeSpec(String name, double cpu, double memoryMb) {
    }

    /**
     * @param baseRps              mean external requests/s at the gateway
     * @param diurnalAmplitude     relative amplitude of the daily cycle, in [0, 1)
     * @param diurnalPeriodSeconds length of a (compressed) day
     * @param noise                relative standard deviation of the per-tick noise
     * @param flashCrowdsPerHour   rate of random flash crowds
     * @param flashCrowdMultiplier load multiplier during a flash crowd
     * @param flashCrowdSeconds    flash crowd duration
     * @param retries              client retries per failed call (amplify load under errors)
     * @param randomPhase          each episode starts at a random point of the day (drawn from the seed),
     *                             as a live system is met at any hour; absent or false: at the day's start
     */
    public record TrafficSpec(double baseRps, double diurnalAmplitude, double diurnalPeriodSeconds, double noise,
                              double flashCrowdsPerHour, double flashCrowdMultiplier, double flashCrowdSeconds,
                              double retries, Boolean randomPhase) {
        public TrafficSpec {
            randomPhase = randomPhase != null && randomPhase;
        }
    }

    /**
     * @param type            fault type, see {@code FaultType}
     * @param target          a service, an instance ({@code service/index}) or a node
     * @param onsetSeconds    when it starts
     * @param durationSeconds how long it lasts by itself; absent, 0 or less: until remediated
     * @param severity        type-specific strength; absent: the type's default
     */
    public record FaultSpec(String type, String target, double onsetSeconds, Double durationSeconds, Double severity) {
    }

    /**
     * @param count           how many random faults per episode
     * @param types           types to draw from
     * @param earliestSeconds no random fault before this time
     * @param latestSeconds   no random fault after this time
     * @param severities      optional: severity by fault type id, where a type's default does not fit
     *                        (the demo shop's bad deployment fails 60% of requests, not 30%)
     */
    public record RandomFaultsSpec(int count, List<String> types, double earliestSeconds, double latestSeconds,
                                   java.util.Map<String, Double> severities) {

        public RandomFaultsSpec(int count, List<String> types, double earliestSeconds, double latestSeconds) {
            this(count, types, earliestSeconds, latestSeconds, null);
        }

        /** The severity of a random fault of {@code type}: the scenario's, else the type's default. */
        public double severityOf(FaultType type) {
            Double s = severities == null ? null : severities.get(type.id());
            return s == null ? type.defaultSeverity() : s;
        }
    }

    /**
     * Benign deployments: {@code perHour} on average, to random services. At an episode's start each
     * service was last deployed between {@code initialAgeMinSeconds} (absent: 1800) and 3600 s ago; where
     * a live system's faults follow each other (a roll back leaves a fresh deploy), a low bound.
     */
    public record DeploySpec(double perHour, Double initialAgeMinSeconds) {
        public static final double DEFAULT_INITIAL_AGE_MIN_SECONDS = 1800;

        public DeploySpec {
            initialAgeMinSeconds = initialAgeMinSeconds == null ? DEFAULT_INITIAL_AGE_MIN_SECONDS : initialAgeMinSeconds;
        }
    }

    /**
     * @param liveness     Kubernetes-style liveness restarts with back-off
     * @param hpa          a horizontal pod autoscaler on CPU
     * @param hpaTargetCpu the HPA's target CPU utilisation, in (0, 1]
     * @param rollbackNeedsDeploy a roll back is possible only after a deployment in the episode, and once
     *                     (a system that keeps no older version of a freshly started service, like the demo
     *                     shop); false (the default, may be left out): always possible, as with Kubernetes'
     *                     revision history
     */
    public record PlatformSpec(boolean liveness, boolean hpa, double hpaTargetCpu, Boolean rollbackNeedsDeploy) {
        public PlatformSpec {
            rollbackNeedsDeploy = rollbackNeedsDeploy != null && rollbackNeedsDeploy;
        }
    }

    /**
     * Reward per tick = {@code availability * goodShare - cost * instances/baselineInstances - disruption * actionCost
     * - redundancy * missingShare}, where {@code missingShare} is the mean over services of the share of the
     * scenario's replicas that are not ready (scaling in below them counts too): at light load one instance
     * carries a service, and only this term says that losing the second one is worth a restart (0, the
     * default, leaves it out). {@code redundancy} may be left out of a file ({@code base: none}) written before it existed.
     */
    public record RewardSpec(double availability, double cost, double disruption, Double redundancy, Double breaches) {
        public RewardSpec {
            redundancy = redundancy == null ? 0.0 : redundancy;
            breaches = breaches == null ? 0.0 : breaches;
        }
    }

    /**
     * @param sloThreshold  share of good requests (successful within SLO) the system must reach
     * @param settleSeconds how long it must hold to count as recovered
     */
    public record RecoverySpec(double sloThreshold, double settleSeconds) {
    }

    /**
     * What happened before an episode starts. {@code recentRestarts}: each service's instances were
     * restarted between 0 and this many times in the last five minutes (drawn per service and episode),
     * as where faults follow each other and each was healed by a restart or a roll back, so that a
     * restart count alone is no give-away. {@code extraReplicas}: each service runs between 0 and this many
     * instances above its {@code replicas} (drawn per service and episode, up to its {@code maxReplicas}), ready,
     * as where an earlier incident was met with a scale out that nobody took back. 0 (the defaults, may be
     * left out): a quiet past.
     */
    public record HistorySpec(Integer recentRestarts, Integer extraReplicas) {
        public static final HistorySpec NONE = new HistorySpec(0, 0);

        public HistorySpec {
            recentRestarts = recentRestarts == null ? 0 : recentRestarts;
            extraReplicas = extraReplicas == null ? 0 : extraReplicas;
        }
    }

    /**
     * How the metrics the observation shows are measured; what the simulated system does is unchanged.
     * Absent or 0: exactly (each feature is the model's value).
     *
     * @param rateWindowSeconds request rates are counts over a window this long, so they carry Poisson
     *                          noise (standard deviation {@code sqrt(rate / window)}), as Prometheus'
     *                          {@code rate()} over a short window does
     * @param heapSawtooth      a garbage-collected runtime's used memory climbs with garbage and drops at
     *                          each collection: each instance's reading swings by this share of its
     *                          resting memory around it, over a cycle of 15-60 s of its own
     * @param latencyTail       the model's service times are exact, a real service's vary: the p99 reading
     *                          adds this share of the service's base latency to the model's
     * @param latencyError      latency quantiles estimated from histogram buckets land anywhere within a
     *                          bucket: each service's readings are off by a log-normal factor of this
     *                          standard deviation (of its log), drawn per episode, and jitter by a
     *                          quarter of it per tick
     */
    public record MeasurementSpec(Double rateWindowSeconds, Double heapSawtooth, Double latencyTail, Double latencyError) {
        public static final MeasurementSpec EXACT = new MeasurementSpec(0.0, 0.0, 0.0, 0.0);

        public MeasurementSpec {
            rateWindowSeconds = rateWindowSeconds == null ? 0.0 : rateWindowSeconds;
            heapSawtooth = heapSawtooth == null ? 0.0 : heapSawtooth;
            latencyTail = latencyTail == null ? 0.0 : latencyTail;
            latencyError = latencyError == null ? 0.0 : latencyError;
        }

        public boolean exact() {
            return rateWindowSeconds == 0 && heapSawtooth == 0 && latencyTail == 0 && latencyError == 0;
        }
    }
}
