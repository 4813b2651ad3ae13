package io.autoops.env.sim;

import io.autoops.core.healing.HealingSettings;
import io.autoops.core.mdp.DiscreteSpace;
import io.autoops.core.mdp.ObservationSchema;
import io.autoops.core.ops.Remediation;
import io.autoops.env.scenario.FaultType;
import io.autoops.env.scenario.Scenario;
import io.autoops.env.scenario.ScenarioSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The discrete-time model of a microservice system on a cluster. One {@link #step(int)} is one tick
 * ({@code tickSeconds} of simulated time) and one decision. The step is allocation-free: all state
 * lives in primitive arrays sized at construction.
 *
 * <p>Per tick, in order: the chosen remediation starts; faults start or end; the platform acts
 * (liveness restarts with back-off, HPA); external load arrives (daily cycle, noise, flash crowds,
 * spikes) and flows down the call graph (callers before callees; retries amplify it by the callee's
 * last error rate); each service is an M/M/c queue ({@link Queueing}) over its ready instances, whose
 * capacity shrinks under CPU contention and while they wait on slow dependencies; latency and errors
 * flow back up (callees before callers: a failing critical call fails the request, a failing optional
 * call only degrades it, a call slower than its timeout fails); the gateway's share of requests served
 * successfully within SLO gives the reward; CPU and memory are updated and over-limit instances are
 * OOM-killed.
 *
 * <p>Same scenario, seed and actions give the same trajectory bit for bit. Not thread-safe.
 */
public final class Simulator {

    // Remediation costs (disruption units) and parameters. Documented in the README's reward section.
    static final double COST_RESTART = 1.0;
    static final double COST_SCALE_OUT = 0.5;
    static final double COST_SCALE_IN = 0.2;
    static final double COST_ROLLBACK = 2.0;
    static final double COST_SHED = 1.0;
    static final double COST_DRAIN = 3.0;
    static final double ENTRY_SHED_FRACTION = 0.3;
    static final double SHED_SECONDS = 60;
    static final double CORDON_SECONDS = 600;

    // Platform (Kubernetes-style) parameters.
    static final double PROBE_PERIOD_SECONDS = 10;
    static final int PROBE_FAILURES = 3;
    static final double BACKOFF_START_SECONDS = 10;
    static final double BACKOFF_MAX_SECONDS = 300;
    static final double BACKOFF_RESET_SECONDS = 600;
    static final double HPA_SYNC_SECONDS = 15;
    static final double HPA_STABILISATION_SECONDS = 300;
    static final double EVICTION_SECONDS = 300;
    static final double CRASH_LOOP_UPTIME_SECONDS = 10;
    static final double LIVENESS_TIMEOUT_MS = 1000;
    private static final double LN_2 = Math.log(2);
    private static final double LN_100 = Math.log(100);
    /** Worker pools are sized for this many times the normal holding time of a request. */
    static final double WORKER_HEADROOM = 4;

    private static final byte EMPTY = 0;
    private static final byte STARTING = 1;
    private static final byte READY = 2;
    private static final byte DOWN = 3;

    private final Scenario scenario;
    private final ObservationSchema schema;
    private final DiscreteSpace actionSpace;
    private final List<Remediation> remediations;
    private final boolean liveness;
    private final boolean hpa;

    // ---- constants
    private final int nS;
    private final int nN;
    private final int nI;
    private final double dt;
    private final int episodeTicks;
    private final int[] off;
    /** Per service, one past the highest slot used this episode: slots above it are all empty. */
    private final int[] used;
    private final int[] maxRep;
    private final int[] minRep;
    private final int[] initRep;
    private final double[] cap;
    private final double[] base;
    private final double[] slo;
    private final double[] timeout;
    private final double[] mem0;
    private final double[] memLim;
    private final double[] cpuPer;
    private final int[] startupTicks;
    private final int[] order;
    private final int[] depStart;
    private final int[] depTo;
    private final double[] depFan;
    private final boolean[] depCrit;
    private final double[] nodeCpu;
    private final double[] nodeMem;
    private final double[] normalLatency;
    private final double baselineInstances;
    private final double[] actionCost;

    // ---- instance state
    private final byte[] st;
    private final int[] node;
    private final int[] timer;
    private final double[] mem;
    private final boolean[] bad;
    private final double[] extraLat;
    private final int[] crashes;
    private final int[] readyTicks;
    private final boolean[] pending;
    private final int[] downTicks;
    private final boolean[] rollingMark;
    private final double[] serviceDisruption;

    // ---- service state
    private final int[] desired;
    private final int[] count;
    private final double[] offered;
    private final double[] admitted;
    private final double[] errEff;
    private final double[] prevErr;
    private final double[] latMean;
    private final double[] latP50;
    private final double[] latP99;
    private final double[] cpuUtil;
    private final double[] memRatio;
    private final int[] readyCount;
    /** Ready instances on a node that a neighbour's CPU hog leaves without spare CPU. */
    private final int[] starvedCount;
    /** A node this busy has no CPU to spare (the live rules' node alert fires above it too). */
    static final double SATURATED_CPU_SHARE = 0.95;
    /** Per node: a hog and the last tick's demand take its CPU (no room to absorb a failed peer's load). */
    private final boolean[] hogSaturated;
    private final double[] restartsRecent;
    private final int[] deployAge;
    private final double[] badErr;
    private final boolean[] badCrashLoop;
    private final double[] badLeak;
    private final boolean[] rolling;
    private final boolean[] olderVersion; // a roll back has a version to go back to
    private final boolean rollbackNeedsDeploy;
    private final boolean[] rollToGood;
    private final int[] shedTicks;
    private final double[] shedFrac;
    private final int[] outageTicks;
    private final double[] retryMult;
    private final int[] slowTicks;
    private final int[] hpaLowTicks;
    private final double[] hpaDesire;

    // ---- node state
    private final boolean[] nodeUp;
    private final int[] nodeDownTicks;
    private final int[] cordonTicks;
    private final double[] hog;
    private final int[] hogTicks;
    private final double[] nodeCpuUsed;
    private final double[] nodeMemUsed;
    private final double[] cpuFactor;

    // ---- episode state
    private SplittableRandom rng;
    private int tick;
    /** Where in the diurnal period the episode started (seconds); 0 unless the traffic asks for a random phase. */
    private double phaseSeconds;
    private boolean started;
    private boolean ended;
    private double noise;
    private double flashMult;
    private int flashTicks;
    private double spikeMult;
    private int spikeTicks;
    private double reward;
    private double goodShare;
    private double requests;
    private double served;
    private double failed;
    private double dropped;
    private double goodRequests;
    private double instancesRunning;
    private double actionDisruption;
    private int lastAction;
    private boolean lastActionEffective;
    private double totalCost;
    private final double costPerInstanceTick;
    private final double rewardAvail;
    private final double rewardCost;
    private final double rewardDisruption;
    /** A service breaks its SLO where the live health check, at its defaults, reads it unhealthy. */
    private static final HealingSettings.Health HEALTHY = HealingSettings.Health.defaults();
    private final double rewardRedundancy;
    private final double rewardBreaches;
    private final double sloThreshold;
    private final int settleTicks;
    private final double restartDecay;
    private double nextDeployTick;
    private final double deployRatePerTick;
    /** Each service was last deployed at least this long (s) before an episode starts. */
    private final int initialDeployAgeMin;
    private final int initialRestartsMax;
    private final int initialExtraMax;
    private final boolean parallelCalls;
    private final double[] callLat;      // scratch: the calls of the service being simulated
    private final double[] callShare;
    // The measurement model (scenario's measurement): what the observation shows, drawn once per tick.
    private final boolean measured;
    private final double rateWindow;
    private final double heapSawtooth;
    private final double latencyTail;
    private final double latencyError;
    private final double[] latFactor;    // per service and episode: where in its buckets a quantile lands
    private final double[] shownP50;
    private final double[] shownP99;
    private SplittableRandom measureRng;
    private final double[] shownRate;
    private final double[] shownMem;
    private final double[] shownNodeMem;
    private final double[] gcPhase;      // per instance slot, in [0, 1): where in its collection cycle
    private final double[] gcStep;       // per instance slot: cycle share per tick

    // ---- faults of the episode (fixed + random), and their ground truth
    private final FaultLog faults;

    /** Options that a policy or a benchmark may switch per run. */
    public record Options(Boolean liveness, Boolean hpa) {
        public static final Options SCENARIO = new Options(null, null);

        public static Options withHpa() {
            return new Options(null, true);
        }
    }

    public Simulator(Scenario scenario) {
        this(scenario, Options.SCENARIO);
    }

    public Simulator(Scenario scenario, Options options) {
        this.scenario = scenario;
        ScenarioSpec spec = scenario.spec();
        this.schema = SimSpaces.schema(scenario);
        this.remediations = List.copyOf(SimSpaces.remediations(scenario));
        this.actionSpace = new DiscreteSpace(remediations.stream().map(Remediation::label).toList());
        this.liveness = options.liveness() != null ? options.liveness() : spec.platform().liveness();
        this.hpa = options.hpa() != null ? options.hpa() : spec.platform().hpa();
        nS = scenario.services().size();
        nN = scenario.nodes().size();
        dt = spec.tickSeconds();
        episodeTicks = spec.episodeTicks();
        off = new int[nS + 1];
        used = new int[nS];
        maxRep = new int[nS];
        minRep = new int[nS];
        initRep = new int[nS];
        cap = new double[nS];
        base = new double[nS];
        slo = new double[nS];
        timeout = new double[nS];
        mem0 = new double[nS];
        memLim = new double[nS];
        cpuPer = new double[nS];
        startupTicks = new int[nS];
        depStart = new int[nS + 1];
        List<int[]> edges = new ArrayList<>();
        List<double[]> fans = new ArrayList<>();
        double baseline = 0;
        for (int s = 0; s < nS; s++) {
            ScenarioSpec.ServiceSpec sv = scenario.service(s);
            maxRep[s] = sv.maxReplicas();
            minRep[s] = sv.minReplicas();
            initRep[s] = sv.replicas();
            off[s + 1] = off[s] + sv.maxReplicas();
            cap[s] = sv.capacity();
            base[s] = sv.baseLatencyMs() / 1000;
            slo[s] = sv.sloMs() / 1000;
            timeout[s] = sv.timeoutMs() / 1000;
            mem0[s] = sv.memoryMb();
            memLim[s] = sv.memoryLimitMb();
            cpuPer[s] = sv.cpu();
            startupTicks[s] = Math.max(1, (int) Math.ceil(sv.startupSeconds() / dt));
            baseline += sv.replicas();
            depStart[s] = edges.size();
            if (sv.dependencies() != null) {
                for (ScenarioSpec.DependencySpec d : sv.dependencies()) {
                    edges.add(new int[] {scenario.serviceIndex(d.service()), d.critical() ? 1 : 0});
                    fans.add(new double[] {d.fanout()});
                }
            }
        }
        depStart[nS] = edges.size();
        depTo = new int[edges.size()];
        depFan = new double[edges.size()];
        depCrit = new boolean[edges.size()];
        for (int e = 0; e < edges.size(); e++) {
            depTo[e] = edges.get(e)[0];
            depCrit[e] = edges.get(e)[1] == 1;
            depFan[e] = fans.get(e)[0];
        }
        order = scenario.callOrder();
        nI = off[nS];
        nodeCpu = new double[nN];
        nodeMem = new double[nN];
        for (int n = 0; n < nN; n++) {
            nodeCpu[n] = spec.topology().nodes().get(n).cpu();
            nodeMem[n] = spec.topology().nodes().get(n).memoryMb();
        }
        baselineInstances = baseline;
        normalLatency = new double[nS];
        // Latency of an unloaded system: base plus the calls below, used to measure "slow dependency".
        parallelCalls = spec.topology().parallelCalls();
        callLat = new double[depTo.length];
        callShare = new double[depTo.length];
        for (int k = nS - 1; k >= 0; k--) {
            int s = order[k];
            int n = 0;
            for (int e = depStart[s]; e < depStart[s + 1]; e++) {
                callLat[n] = normalLatency[depTo[e]];
                callShare[n++] = depFan[e];
            }
            normalLatency[s] = waitOnCalls(base[s], n);
        }
        actionCost = new double[remediations.size()];
        for (int a = 0; a < actionCost.length; a++) {
            actionCost[a] = remediations.get(a).cost();
        }

        st = new byte[nI];
        node = new int[nI];
        timer = new int[nI];
        mem = new double[nI];
        bad = new boolean[nI];
        extraLat = new double[nI];
        crashes = new int[nI];
        readyTicks = new int[nI];
        pending = new boolean[nI];
        downTicks = new int[nI];
        rollingMark = new boolean[nI];
        serviceDisruption = new double[nS];
        desired = new int[nS];
        count = new int[nS];
        offered = new double[nS];
        admitted = new double[nS];
        errEff = new double[nS];
        prevErr = new double[nS];
        latMean = new double[nS];
        latP50 = new double[nS];
        latP99 = new double[nS];
        cpuUtil = new double[nS];
        memRatio = new double[nS];
        readyCount = new int[nS];
        starvedCount = new int[nS];
        hogSaturated = new boolean[nN];
        restartsRecent = new double[nS];
        deployAge = new int[nS];
        badErr = new double[nS];
        badCrashLoop = new boolean[nS];
        badLeak = new double[nS];
        rolling = new boolean[nS];
        olderVersion = new boolean[nS];
        rollbackNeedsDeploy = spec.platform().rollbackNeedsDeploy();
        rollToGood = new boolean[nS];
        shedTicks = new int[nS];
        shedFrac = new double[nS];
        outageTicks = new int[nS];
        retryMult = new double[nS];
        slowTicks = new int[nS];
        hpaLowTicks = new int[nS];
        hpaDesire = new double[nS];
        nodeUp = new boolean[nN];
        nodeDownTicks = new int[nN];
        cordonTicks = new int[nN];
        hog = new double[nN];
        hogTicks = new int[nN];
        nodeCpuUsed = new double[nN];
        nodeMemUsed = new double[nN];
        cpuFactor = new double[nN];

        costPerInstanceTick = 1.0 / baselineInstances;
        rewardAvail = spec.reward().availability();
        rewardCost = spec.reward().cost();
        rewardDisruption = spec.reward().disruption();
        rewardRedundancy = spec.reward().redundancy();
        rewardBreaches = spec.reward().breaches();
        sloThreshold = spec.recovery().sloThreshold();
        settleTicks = Math.max(1, (int) Math.round(spec.recovery().settleSeconds() / dt));
        restartDecay = Math.exp(-dt / SimSpaces.RESTART_WINDOW_SECONDS);
        deployRatePerTick = spec.deploys() == null ? 0 : spec.deploys().perHour() * dt / 3600;
        initialRestartsMax = spec.history().recentRestarts();
        initialExtraMax = spec.history().extraReplicas();
        measured = !spec.measurement().exact();
        rateWindow = spec.measurement().rateWindowSeconds();
        heapSawtooth = spec.measurement().heapSawtooth();
        latencyTail = spec.measurement().latencyTail();
        latencyError = spec.measurement().latencyError();
        latFactor = new double[nS];
        shownP50 = new double[nS];
        shownP99 = new double[nS];
        shownRate = new double[nS];
        shownMem = new double[nS];
        shownNodeMem = new double[nN];
        gcPhase = new double[nI];
        gcStep = new double[nI];
        initialDeployAgeMin = (int) (spec.deploys() == null ? ScenarioSpec.DeploySpec.DEFAULT_INITIAL_AGE_MIN_SECONDS
                : spec.deploys().initialAgeMinSeconds());
        int maxFaults = scenario.faults().size() + (spec.randomFaults() == null ? 0 : spec.randomFaults().count());
        faults = new FaultLog(Math.max(1, maxFaults));
    }

    // ============================================================================================ API

    public Scenario scenario() {
        return scenario;
    }

    public ObservationSchema schema() {
        return schema;
    }

    public DiscreteSpace actionSpace() {
        return actionSpace;
    }

    /** The remediation behind each action index. */
    public List<Remediation> remediations() {
        return remediations;
    }

    public int observationSize() {
        return schema.size();
    }

    public void reset(long seed) {
        rng = new SplittableRandom(seed);
        if (measured) {
            // a stream of its own: measuring does not change what the system does
            measureRng = new SplittableRandom(seed ^ 0x6d656173757265L);
            for (int i = 0; i < nI; i++) {
                gcPhase[i] = measureRng.nextDouble();
                gcStep[i] = 1.0 / Math.max(1, Math.round((15 + 45 * measureRng.nextDouble()) / dt));
            }
            for (int s = 0; s < nS; s++) {
                latFactor[s] = Math.exp(latencyError * measureRng.nextGaussian());
            }
        }
        tick = 0;
        ScenarioSpec.TrafficSpec traffic = scenario.spec().traffic();
        phaseSeconds = traffic.randomPhase() ? rng.nextDouble() * traffic.diurnalPeriodSeconds() : 0;
        started = true;
        ended = false;
        java.util.Arrays.fill(st, EMPTY);
        java.util.Arrays.fill(node, -1);
        java.util.Arrays.fill(timer, 0);
        java.util.Arrays.fill(mem, 0);
        java.util.Arrays.fill(bad, false);
        java.util.Arrays.fill(extraLat, 0);
        java.util.Arrays.fill(crashes, 0);
        java.util.Arrays.fill(readyTicks, 0);
        java.util.Arrays.fill(pending, false);
        java.util.Arrays.fill(downTicks, 0);
        java.util.Arrays.fill(rollingMark, false);
        java.util.Arrays.fill(prevErr, 0);
        java.util.Arrays.fill(restartsRecent, 0);
        java.util.Arrays.fill(badErr, 0);
        java.util.Arrays.fill(badCrashLoop, false);
        java.util.Arrays.fill(badLeak, 0);
        java.util.Arrays.fill(rolling, false);
        java.util.Arrays.fill(rollToGood, false);
        java.util.Arrays.fill(shedTicks, 0);
        java.util.Arrays.fill(shedFrac, 0);
        java.util.Arrays.fill(outageTicks, 0);
        java.util.Arrays.fill(retryMult, 1);
        java.util.Arrays.fill(slowTicks, 0);
        java.util.Arrays.fill(hpaLowTicks, 0);
        java.util.Arrays.fill(nodeUp, true);
        java.util.Arrays.fill(nodeDownTicks, 0);
        java.util.Arrays.fill(cordonTicks, 0);
        java.util.Arrays.fill(hog, 0);
        java.util.Arrays.fill(hogTicks, 0);
        java.util.Arrays.fill(hogSaturated, false);
        java.util.Arrays.fill(cpuFactor, 1);
        java.util.Arrays.fill(nodeMemUsed, 0);
        java.util.Arrays.fill(count, 0);
        for (int s = 0; s < nS; s++) {
            desired[s] = initRep[s];
            count[s] = initRep[s];
            // Deployed a while ago, differently per service, so deploy age alone says little.
            deployAge[s] = (int) ((initialDeployAgeMin + rng.nextInt(3600 - initialDeployAgeMin)) / dt);
            olderVersion[s] = !rollbackNeedsDeploy;
            hpaDesire[s] = initRep[s];
            for (int k = 0; k < initRep[s]; k++) {
                int i = off[s] + k;
                int n = placeNode(s);
                if (n < 0) {
                    throw new IllegalStateException("scenario " + scenario.name() + ": no node fits instance "
                            + k + " of " + scenario.services().get(s));
                }
                startReady(i, s, n);
            }
            used[s] = off[s] + initRep[s];
        }
        for (int s = 0; s < nS && initialRestartsMax > 0; s++) {
            restartsRecent[s] = rng.nextInt(initialRestartsMax + 1); // earlier incidents' restarts, still counted
        }
        for (int s = 0; s < nS && initialExtraMax > 0; s++) {
            // an earlier incident's scale out, never taken back: more instances, ready, where the nodes have room
            int extra = Math.min(rng.nextInt(initialExtraMax + 1), maxRep[s] - count[s]);
            for (int k = 0; k < extra; k++) {
                int n = placeNode(s);
                if (n < 0) {
                    break;
                }
                int i = off[s] + count[s];
                startReady(i, s, n);
                count[s]++;
                used[s] = i + 1;
                desired[s] = count[s];
                hpaDesire[s] = count[s];
            }
        }
        noise = 0;
        flashMult = 1;
        flashTicks = 0;
        spikeMult = 1;
        spikeTicks = 0;
        totalCost = 0;
        lastAction = 0;
        lastActionEffective = true;
        nextDeployTick = deployRatePerTick > 0 ? nextExp(deployRatePerTick) : Double.POSITIVE_INFINITY;
        scheduleFaults();
        simulate();
    }

    /** Instance {@code i} of service {@code s} running on node {@code n} at an episode's start: ready, long up. */
    private void startReady(int i, int s, int n) {
        st[i] = READY;
        node[i] = n;
        mem[i] = mem0[s];
        nodeMemUsed[n] += mem0[s];
        readyTicks[i] = (int) (BACKOFF_RESET_SECONDS / dt);
    }

    /**
     * Applies {@code action} and advances one tick.
     *
     * @throws IllegalStateException    before reset or after the episode ended
     * @throws IllegalArgumentException when the action is out of range or masked out (state unchanged)
     */
    public void step(int action) {
        requireRunning();
        requireValid(action);
        tick++;
        lastAction = action;
        conflicts = 0;
        java.util.Arrays.fill(serviceDisruption, 0);
        actionDisruption = action == 0 ? 0 : actionCost[action];
        noteDisruption(action);
        lastActionEffective = apply(action);
        faults.noteAction(this, action, tick);
        falsePositives = faults.lastActionFalsePositive() ? 1 : 0;
        advance();
    }

    /**
     * Applies several healers' actions in one tick (the multi-agent view). Every action must be valid
     * in the state at the start of the tick; they are applied one after the other in a seeded random
     * order, so when two compete for the last room on the nodes the later one has no effect: a
     * conflict, counted in {@link #conflicts()}. {@code actions[k] == 0} is a no-op.
     */
    public void stepJoint(int[] actions) {
        requireRunning();
        for (int a : actions) {
            requireValid(a);
        }
        tick++;
        conflicts = 0;
        falsePositives = 0;
        java.util.Arrays.fill(serviceDisruption, 0);
        actionDisruption = 0;
        int n = actions.length;
        if (jointOrder.length < n) {
            jointOrder = new int[n];
        }
        for (int k = 0; k < n; k++) {
            jointOrder[k] = k;
        }
        for (int k = n - 1; k > 0; k--) {
            int j = rng.nextInt(k + 1);
            int t = jointOrder[k];
            jointOrder[k] = jointOrder[j];
            jointOrder[j] = t;
        }
        lastAction = 0;
        lastActionEffective = true;
        for (int k = 0; k < n; k++) {
            int a = actions[jointOrder[k]];
            if (a == 0) {
                continue;
            }
            lastAction = a;
            if (!valid(a)) {
                conflicts++; // an earlier action this tick took what this one needed
                continue;
            }
            actionDisruption += actionCost[a];
            noteDisruption(a);
            if (!apply(a)) {
                conflicts++;
                lastActionEffective = false;
            }
            faults.noteAction(this, a, tick);
            if (faults.lastActionFalsePositive()) {
                falsePositives++;
            }
        }
        advance();
    }

    private int[] jointOrder = new int[0];
    private int falsePositives;
    private int conflicts;

    /** Actions of the last tick that related to no active fault (0 or 1 after {@link #step(int)}). */
    public int falsePositives() {
        return falsePositives;
    }

    /** Actions of the last joint step that could not take effect because another healer's did. */
    public int conflicts() {
        return conflicts;
    }

    private void noteDisruption(int a) {
        int s = actionService(a);
        if (s >= 0) {
            serviceDisruption[s] += actionCost[a];
        }
    }

    private void requireRunning() {
        if (!started || ended) {
            throw new IllegalStateException(ended ? "episode ended: call reset" : "call reset(seed) before step");
        }
    }

    private void requireValid(int action) {
        if (action < 0 || action >= actionCost.length) {
            throw new IllegalArgumentException("action " + action + " is outside [0, " + actionCost.length + ")");
        }
        if (!valid(action)) {
            throw new IllegalArgumentException("action " + action + " (" + actionSpace.label(action)
                    + ") is masked out in the current state");
        }
    }

    private void advance() {
        advanceFaults();
        platform();
        simulate();
        if (tick >= episodeTicks) {
            ended = true;
        }
    }

    /**
     * The utility of service {@code s}'s healer this tick: the share of its own requests served
     * within its SLO, minus the cost of its instances and of its own actions, and its share of the
     * redundancy and breach terms (same weights as the reward). The sum over services is the social welfare.
     */
    public double serviceReward(int s) {
        double health = (1 - errEff[s]) * withinSlo(latP50[s], latP99[s], slo[s]);
        return rewardAvail * health - rewardCost * instanceCount(s) * costPerInstanceTick
                - rewardDisruption * serviceDisruption[s] - rewardRedundancy * missing(s) / nS
                - rewardBreaches * (breaches(s) ? 1.0 : 0.0) / nS;
    }

    /**
     * A simulator for look-ahead planning: same scenario and platform, its own state. Fill it with
     * {@link #copyStateTo(Simulator, long)}; it is never reset, so it knows of no fault schedule and
     * starts no new fault — a planner sees the system as it is now, not the faults to come.
     */
    public Simulator planningTwin() {
        return new Simulator(scenario, new Options(liveness, hpa));
    }

    /**
     * Copies the whole dynamic state into {@code twin} (from {@link #planningTwin()}), which then
     * continues from here with its own random numbers drawn from {@code noiseSeed}; this simulator's
     * state and random stream are untouched.
     */
    public void copyStateTo(Simulator twin, long noiseSeed) {
        if (twin.scenario != scenario || twin == this) {
            throw new IllegalArgumentException("the twin must come from planningTwin() of a simulator of the same scenario");
        }
        copy(st, twin.st);
        copy(node, twin.node);
        copy(timer, twin.timer);
        copy(mem, twin.mem);
        copy(bad, twin.bad);
        copy(extraLat, twin.extraLat);
        copy(crashes, twin.crashes);
        copy(readyTicks, twin.readyTicks);
        copy(pending, twin.pending);
        copy(downTicks, twin.downTicks);
        copy(rollingMark, twin.rollingMark);
        copy(serviceDisruption, twin.serviceDisruption);
        copy(desired, twin.desired);
        copy(count, twin.count);
        copy(used, twin.used);
        copy(offered, twin.offered);
        copy(admitted, twin.admitted);
        copy(errEff, twin.errEff);
        copy(prevErr, twin.prevErr);
        copy(latMean, twin.latMean);
        copy(latP50, twin.latP50);
        copy(latP99, twin.latP99);
        copy(cpuUtil, twin.cpuUtil);
        copy(memRatio, twin.memRatio);
        copy(readyCount, twin.readyCount);
        copy(restartsRecent, twin.restartsRecent);
        copy(deployAge, twin.deployAge);
        copy(badErr, twin.badErr);
        copy(badCrashLoop, twin.badCrashLoop);
        copy(badLeak, twin.badLeak);
        copy(rolling, twin.rolling);
        copy(olderVersion, twin.olderVersion);
        copy(rollToGood, twin.rollToGood);
        copy(shedTicks, twin.shedTicks);
        copy(shedFrac, twin.shedFrac);
        copy(outageTicks, twin.outageTicks);
        copy(retryMult, twin.retryMult);
        copy(slowTicks, twin.slowTicks);
        copy(hpaLowTicks, twin.hpaLowTicks);
        copy(hpaDesire, twin.hpaDesire);
        copy(nodeUp, twin.nodeUp);
        copy(nodeDownTicks, twin.nodeDownTicks);
        copy(cordonTicks, twin.cordonTicks);
        copy(hog, twin.hog);
        copy(hogTicks, twin.hogTicks);
        copy(nodeCpuUsed, twin.nodeCpuUsed);
        copy(nodeMemUsed, twin.nodeMemUsed);
        copy(cpuFactor, twin.cpuFactor);
        copy(starvedCount, twin.starvedCount);
        copy(hogSaturated, twin.hogSaturated);
        copy(shownRate, twin.shownRate);
        copy(shownMem, twin.shownMem);
        copy(shownNodeMem, twin.shownNodeMem);
        copy(gcPhase, twin.gcPhase);
        copy(gcStep, twin.gcStep);
        copy(latFactor, twin.latFactor);
        copy(shownP50, twin.shownP50);
        copy(shownP99, twin.shownP99);
        twin.measureRng = measured ? new SplittableRandom(~noiseSeed) : null;
        twin.rng = new SplittableRandom(noiseSeed);
        twin.tick = tick;
        twin.phaseSeconds = phaseSeconds;
        twin.started = started;
        twin.ended = ended;
        twin.noise = noise;
        twin.flashMult = flashMult;
        twin.flashTicks = flashTicks;
        twin.spikeMult = spikeMult;
        twin.spikeTicks = spikeTicks;
        twin.reward = reward;
        twin.goodShare = goodShare;
        twin.requests = requests;
        twin.served = served;
        twin.failed = failed;
        twin.dropped = dropped;
        twin.goodRequests = goodRequests;
        twin.instancesRunning = instancesRunning;
        twin.actionDisruption = actionDisruption;
        twin.lastAction = lastAction;
        twin.lastActionEffective = lastActionEffective;
        twin.totalCost = totalCost;
        twin.nextDeployTick = nextDeployTick;
        twin.conflicts = conflicts;
        twin.falsePositives = falsePositives;
    }

    private static void copy(Object from, Object to) {
        System.arraycopy(from, 0, to, 0, java.lang.reflect.Array.getLength(from));
    }

    /** Number of services. */
    public int serviceCount() {
        return nS;
    }

    /** Number of nodes. */
    public int nodeCount() {
        return nN;
    }

    /** Indices of the services {@code s} calls. */
    public int[] dependenciesOf(int s) {
        int[] out = new int[depStart[s + 1] - depStart[s]];
        for (int e = depStart[s]; e < depStart[s + 1]; e++) {
            out[e - depStart[s]] = depTo[e];
        }
        return out;
    }

    /** Whether action {@code a} is valid now. */
    public boolean isValid(int a) {
        return a >= 0 && a < actionCost.length && valid(a);
    }

    public int tick() {
        return tick;
    }

    public int episodeTicks() {
        return episodeTicks;
    }

    public boolean ended() {
        return ended;
    }

    /** Healing is a continuing task: episodes end only by truncation at the time limit. */
    public boolean terminated() {
        return false;
    }

    public boolean truncated() {
        return ended;
    }

    public double reward() {
        return reward;
    }

    /** Share of external requests at this tick served successfully within SLO. */
    public double goodShare() {
        return goodShare;
    }

    /** External requests this tick (requests/s × tick seconds). */
    public double requests() {
        return requests;
    }

    public double served() {
        return served;
    }

    public double failed() {
        return failed;
    }

    /** Requests shed at the entry by a load-shedding action. */
    public double dropped() {
        return dropped;
    }

    public double goodRequests() {
        return goodRequests;
    }

    /** Instances started (starting or ready) this tick. */
    public double instances() {
        return instancesRunning;
    }

    /** Cumulative instance cost + action disruption so far, in cost units. */
    public double totalCost() {
        return totalCost;
    }

    public int lastAction() {
        return lastAction;
    }

    /** Whether the last action changed anything (a scale-out with no room, for example, does not). */
    public boolean lastActionEffective() {
        return lastActionEffective;
    }

    public double p99LatencyMs(int service) {
        return latP99[service] * 1000;
    }

    public double errorRate(int service) {
        return errEff[service];
    }

    public int readyReplicas(int service) {
        return readyCount[service];
    }

    public int desiredReplicas(int service) {
        return desired[service];
    }

    public boolean liveness() {
        return liveness;
    }

    public boolean hpa() {
        return hpa;
    }

    /** Ground truth of the faults of this episode so far. */
    public List<FaultOutcome> faultOutcomes() {
        return faults.outcomes(this);
    }

    /** Number of faults active now. */
    public int activeFaults() {
        return faults.activeCount();
    }

    /** Whether the last action's target relates to no active fault (a false positive), or was taken in a fault-free run. */
    public boolean lastActionFalsePositive() {
        return faults.lastActionFalsePositive();
    }

    // ===================================================================================== observation

    /** Writes the observation into {@code out[offset, offset + observationSize())}. */
    public void observe(double[] out, int offset) {
        int o = offset;
        for (int s = 0; s < nS; s++) {
            out[o] = clamp(measured ? shownRate[s] : offered[s], 0, 1e6);
            out[o + 1] = clamp((measured ? shownP50[s] : latP50[s]) / slo[s], 0, 100);
            out[o + 2] = clamp((measured ? shownP99[s] : latP99[s]) / slo[s], 0, 100);
            out[o + 3] = clamp(errEff[s], 0, 1);
            out[o + 4] = clamp(cpuUtil[s], 0, 1);
            out[o + 5] = clamp(measured ? shownMem[s] : memRatio[s], 0, 1);
            out[o + 6] = readyCount[s];
            out[o + 7] = desired[s];
            out[o + 8] = clamp(restartsRecent[s], 0, 1000);
            out[o + 9] = Math.min(deployAge[s] * dt, SimSpaces.DEPLOY_AGE_CAP_SECONDS);
            o += SimSpaces.SF;
        }
        for (int n = 0; n < nN; n++) {
            out[o] = nodeUp[n] ? clamp((nodeCpuUsed[n] + hog[n]) / nodeCpu[n], 0, 1) : 0;
            out[o + 1] = nodeUp[n] ? clamp((measured ? shownNodeMem[n] : nodeMemUsed[n]) / nodeMem[n], 0, 1) : 0;
            out[o + 2] = nodeUp[n] && cordonTicks[n] == 0 ? 1 : 0;
            o += SimSpaces.NF;
        }
        double period = scenario.spec().traffic().diurnalPeriodSeconds();
        double t = (tick * dt + phaseSeconds) / period;
        out[o] = t - Math.floor(t);
    }

    private static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }

    // ========================================================================================== masks

    /** Writes the action mask into {@code out[offset, offset + actions)}. */
    public void actionMask(boolean[] out, int offset) {
        // One pass; must agree with valid(a), which checks a single action (tested).
        double maxFree = -1;
        int schedulable = 0;
        for (int n = 0; n < nN; n++) {
            if (nodeUpAndSchedulable(n)) {
                schedulable++;
                maxFree = Math.max(maxFree, nodeMem[n] - nodeMemUsed[n]);
            }
        }
        out[offset] = true;
        int o = offset + 1;
        for (int s = 0; s < nS; s++) {
            int c = count[s];
            boolean idle = c > 0 && !rolling[s];
            out[o] = idle;
            out[o + 1] = c < maxRep[s] && maxFree >= mem0[s];
            out[o + 2] = c > minRep[s];
            out[o + 3] = idle && olderVersion[s];
            out[o + 4] = shedTicks[s] == 0;
            o += SimSpaces.SA;
        }
        for (int n = 0; n < nN; n++) {
            out[o + n] = cordonTicks[n] == 0 && schedulable - (nodeUpAndSchedulable(n) ? 1 : 0) > 0;
        }
    }

    private boolean valid(int a) {
        if (a == 0) {
            return true;
        }
        int k = a - 1;
        if (k < nS * SimSpaces.SA) {
            int s = k / SimSpaces.SA;
            int count = instanceCount(s);
            return switch (k % SimSpaces.SA) {
                case 0 -> count > 0 && !rolling[s];                     // restart
                case 1 -> count < maxRep[s] && fitsSomewhere(s);         // scale-out
                case 2 -> count > minRep[s];                             // scale-in
                case 3 -> count > 0 && !rolling[s] && olderVersion[s];   // rollback
                default -> shedTicks[s] == 0;                            // shed-load
            };
        }
        int n = k - nS * SimSpaces.SA;
        if (cordonTicks[n] > 0) {
            return false;
        }
        for (int m = 0; m < nN; m++) {
            if (m != n && nodeUpAndSchedulable(m)) {
                return true;
            }
        }
        return false;
    }

    /** Instances of {@code s} that exist (starting, ready or down); kept up to date where instances come and go. */
    private int instanceCount(int s) {
        return count[s];
    }

    private boolean nodeUpAndSchedulable(int n) {
        return nodeUp[n] && cordonTicks[n] == 0;
    }

    private boolean fitsSomewhere(int s) {
        for (int n = 0; n < nN; n++) {
            if (nodeUpAndSchedulable(n) && nodeMemUsed[n] + mem0[s] <= nodeMem[n]) {
                return true;
            }
        }
        return false;
    }

    /** The schedulable node with the most free memory that fits one instance of {@code s}, or -1. */
    private int placeNode(int s) {
        int best = -1;
        double bestFree = -1;
        for (int n = 0; n < nN; n++) {
            if (!nodeUpAndSchedulable(n)) {
                continue;
            }
            double free = nodeMem[n] - nodeMemUsed[n];
            if (free >= mem0[s] && free > bestFree) {
                best = n;
                bestFree = free;
            }
        }
        return best;
    }

    // ===================================================================================== remediations

    private boolean apply(int a) {
        if (a == 0) {
            return true;
        }
        int k = a - 1;
        if (k < nS * SimSpaces.SA) {
            int s = k / SimSpaces.SA;
            switch (k % SimSpaces.SA) {
                case 0 -> restart(s);
                case 1 -> {
                    return scaleOut(s);
                }
                case 2 -> scaleIn(s);
                case 3 -> startRolling(s, true);
                default -> {
                    shedTicks[s] = (int) Math.round(SHED_SECONDS / dt);
                    shedFrac[s] = s == 0 ? ENTRY_SHED_FRACTION : 1.0;
                }
            }
            return true;
        }
        drain(k - nS * SimSpaces.SA);
        return true;
    }

    /**
     * A restart as the live actuators do it: the instances that are down start again at once (Kubernetes
     * replaces the deleted pods that are not ready, the process actuator starts the stopped processes);
     * when none is down, a rolling restart of them all.
     */
    private void restart(int s) {
        boolean anyDown = false;
        for (int i = off[s]; i < used[s]; i++) {
            if (st[i] == DOWN) {
                restartInstance(i, s);
                anyDown = true;
            }
        }
        if (!anyDown) {
            startRolling(s, false);
        }
    }

    /** A rolling restart (or rollback): instances are restarted one at a time, the unhealthiest first. */
    private void startRolling(int s, boolean toGood) {
        rolling[s] = true;
        rollToGood[s] = toGood;
        for (int i = off[s]; i < used[s]; i++) {
            pending[i] = st[i] != EMPTY;
        }
        if (toGood) {
            deployAge[s] = 0;
            olderVersion[s] = !rollbackNeedsDeploy;
        }
        advanceRolling(s);
    }

    private void advanceRolling(int s) {
        if (!rolling[s]) {
            return;
        }
        for (int i = off[s]; i < used[s]; i++) {
            if (rollingMark[i] && st[i] == STARTING) {
                return; // wait for the one being restarted
            }
        }
        int pick = -1;
        double worst = -1;
        for (int i = off[s]; i < used[s]; i++) {
            if (!pending[i]) {
                continue;
            }
            double badness = (st[i] == DOWN ? 1e6 : 0) + (mem[i] / memLim[s]) * 100 + extraLat[i] * 1000
                    + (bad[i] ? 10 : 0);
            if (badness > worst) {
                worst = badness;
                pick = i;
            }
        }
        if (pick < 0) {
            rolling[s] = false;
            if (rollToGood[s]) {
                badErr[s] = 0;
                badCrashLoop[s] = false;
                badLeak[s] = 0;
            }
            return;
        }
        pending[pick] = false;
        if (rollToGood[s]) {
            bad[pick] = false;
        }
        restartInstance(pick, s);
        rollingMark[pick] = true;
    }


    /** Restarts instance {@code i} of service {@code s} in place (rescheduled if its node is gone). */
    private void restartInstance(int i, int s) {
        int n = node[i];
        if (n >= 0 && st[i] != EMPTY) {
            nodeMemUsed[n] -= mem[i];
        }
        if (n < 0 || !nodeUpAndSchedulable(n) || nodeMemUsed[n] + mem0[s] > nodeMem[n]) {
            n = placeNode(s);
        }
        node[i] = n;
        mem[i] = mem0[s];
        extraLat[i] = 0;
        if (n < 0) {
            st[i] = DOWN; // nowhere to run: waits for room
            downTicks[i] = 0;
            return;
        }
        nodeMemUsed[n] += mem0[s];
        st[i] = STARTING;
        timer[i] = startupTicks[s];
        readyTicks[i] = 0;
        restartsRecent[s] += 1;
    }

    private boolean scaleOut(int s) {
        for (int i = off[s]; i < off[s + 1]; i++) {
            if (st[i] == EMPTY) {
                int n = placeNode(s);
                if (n < 0) {
                    return false;
                }
                bad[i] = badErr[s] > 0 || badCrashLoop[s] || badLeak[s] > 0;
                crashes[i] = 0;
                node[i] = n;
                mem[i] = mem0[s];
                extraLat[i] = 0;
                nodeMemUsed[n] += mem0[s];
                st[i] = STARTING;
                timer[i] = startupTicks[s];
                readyTicks[i] = 0;
                restartsRecent[s] += 1;
                count[s]++;
                used[s] = Math.max(used[s], i + 1);
                desired[s] = Math.min(maxRep[s], instanceCount(s));
                return true;
            }
        }
        return false;
    }

    private void scaleIn(int s) {
        // Remove the least useful instance: down first, then starting, then the last slot.
        int pick = -1;
        int score = -1;
        for (int i = off[s]; i < used[s]; i++) {
            int sc = st[i] == DOWN ? 3 : st[i] == STARTING ? 2 : st[i] == READY ? 1 : -1;
            if (sc >= score && sc > 0) {
                score = sc;
                pick = i;
            }
        }
        if (pick >= 0) {
            removeInstance(pick);
            count[s]--;
        }
        desired[s] = Math.max(minRep[s], instanceCount(s));
    }

    private void removeInstance(int i) {
        if (node[i] >= 0) {
            nodeMemUsed[node[i]] -= mem[i];
        }
        st[i] = EMPTY;
        node[i] = -1;
        pending[i] = false;
        mem[i] = 0;
        extraLat[i] = 0;
    }

    private void drain(int n) {
        cordonTicks[n] = (int) Math.round(CORDON_SECONDS / dt);
        for (int s = 0; s < nS; s++) {
            for (int i = off[s]; i < used[s]; i++) {
                if (st[i] != EMPTY && node[i] == n) {
                    restartInstance(i, s);
                }
            }
        }
    }

    // ========================================================================================= faults

    private void scheduleFaults() {
        faults.clear();
        for (Scenario.Fault f : scenario.faults()) {
            faults.add(f.type(), f.service(), f.instance(), f.node(), f.onsetTick(), f.durationTicks(), f.severity());
        }
        ScenarioSpec.RandomFaultsSpec r = scenario.spec().randomFaults();
        if (r != null && r.count() > 0 && !scenario.randomTypes().isEmpty()) {
            int earliest = (int) Math.round(r.earliestSeconds() / dt);
            int latest = Math.min(episodeTicks - 1, (int) Math.round(r.latestSeconds() / dt));
            for (int k = 0; k < r.count(); k++) {
                FaultType type = scenario.randomTypes().get(rng.nextInt(scenario.randomTypes().size()));
                int onset = earliest + rng.nextInt(Math.max(1, latest - earliest + 1));
                int service = -1;
                int instance = -1;
                int nodeIdx = -1;
                if (type.targets().contains(FaultType.TargetKind.NODE) && !type.targets().contains(FaultType.TargetKind.SERVICE)) {
                    nodeIdx = rng.nextInt(nN);
                } else if (type == FaultType.TRAFFIC_SPIKE) {
                    service = 0;
                } else {
                    service = rng.nextInt(nS);
                    if (type == FaultType.CRASH) {
                        instance = rng.nextInt(initRep[service]);
                    }
                }
                faults.add(type, service, instance, nodeIdx, onset, defaultDuration(type), r.severityOf(type));
            }
        }
    }

    private int defaultDuration(FaultType t) {
        double seconds = switch (t) {
            case CPU_HOG, NODE_FAILURE -> 600;
            case DEPENDENCY_OUTAGE, TRAFFIC_SPIKE -> 300;
            case RETRY_STORM -> 60;
            default -> -1;
        };
        return seconds < 0 ? Integer.MAX_VALUE : Math.max(1, (int) Math.round(seconds / dt));
    }

    /** Starts faults whose onset is now; counts down timed ones. */
    private void advanceFaults() {
        for (int f = 0; f < faults.size; f++) {
            if (faults.onset[f] == tick) {
                startFault(f);
            }
        }
        // Timed effects.
        if (spikeTicks > 0 && --spikeTicks == 0) {
            spikeMult = 1;
        }
        for (int s = 0; s < nS; s++) {
            if (outageTicks[s] > 0) {
                outageTicks[s]--;
            }
            if (slowTicks[s] > 0) {
                slowTicks[s]--;
            }
            if (shedTicks[s] > 0 && --shedTicks[s] == 0) {
                shedFrac[s] = 0;
            }
        }
        for (int n = 0; n < nN; n++) {
            if (hogTicks[n] > 0 && --hogTicks[n] == 0) {
                hog[n] = 0;
            }
            if (nodeDownTicks[n] > 0 && --nodeDownTicks[n] == 0) {
                nodeUp[n] = true;
            }
            if (cordonTicks[n] > 0) {
                cordonTicks[n]--;
            }
        }
        // Benign deployments.
        if (tick >= nextDeployTick) {
            int s = rng.nextInt(nS);
            deployAge[s] = 0;
            olderVersion[s] = true;
            startRolling(s, false);
            nextDeployTick = tick + nextExp(deployRatePerTick);
        }
    }

    private double nextExp(double ratePerTick) {
        return Math.max(1, -Math.log(1 - rng.nextDouble()) / ratePerTick);
    }

    private void startFault(int f) {
        FaultType type = faults.type[f];
        int s = faults.service[f];
        int n = faults.node[f];
        double sev = faults.severity[f];
        int dur = faults.duration[f];
        switch (type) {
            case CRASH -> {
                int i = off[s] + Math.max(0, faults.instance[f]);
                if (st[i] == READY || st[i] == STARTING) {
                    st[i] = DOWN;
                    downTicks[i] = 0;
                    crashes[i]++;
                }
                faults.instanceSlot[f] = i;
            }
            case CRASH_LOOP -> deployBad(s, 0, true, 0);
            case MEMORY_LEAK -> deployBad(s, 0, false, sev);
            case BAD_DEPLOY -> deployBad(s, sev, false, 0);
            case CPU_HOG -> {
                hog[n] = sev;
                hogTicks[n] = dur;
            }
            case LATENCY -> {
                if (faults.instance[f] >= 0) {
                    int i = off[s] + faults.instance[f];
                    extraLat[i] = sev / 1000;
                    faults.instanceSlot[f] = i;
                } else {
                    for (int i = off[s]; i < used[s]; i++) {
                        if (st[i] != EMPTY) {
                            extraLat[i] = sev / 1000;
                        }
                    }
                }
            }
            case NODE_FAILURE -> {
                nodeUp[n] = false;
                nodeDownTicks[n] = dur;
                for (int i = 0; i < nI; i++) {
                    if (st[i] != EMPTY && node[i] == n) {
                        st[i] = DOWN;
                        downTicks[i] = 0;
                    }
                }
            }
            case DEPENDENCY_OUTAGE -> outageTicks[s] = dur;
            case TRAFFIC_SPIKE -> {
                spikeMult = sev;
                spikeTicks = dur;
            }
            case RETRY_STORM -> {
                slowTicks[s] = dur == Integer.MAX_VALUE ? (int) Math.round(60 / dt) : dur;
                retryMult[s] = sev;
            }
        }
    }

    private void deployBad(int s, double err, boolean crashLoop, double leak) {
        olderVersion[s] = true;
        badErr[s] = err;
        badCrashLoop[s] = crashLoop;
        badLeak[s] = leak;
        deployAge[s] = 0;
        for (int i = off[s]; i < used[s]; i++) {
            if (st[i] != EMPTY) {
                bad[i] = true;
                readyTicks[i] = 0;
            }
        }
    }

    /** Whether fault {@code f} still acts on the system (for ground truth). */
    boolean faultActive(int f) {
        int s = faults.service[f];
        int n = faults.node[f];
        return switch (faults.type[f]) {
            case CRASH -> st[faults.instanceSlot[f]] != READY && st[faults.instanceSlot[f]] != EMPTY;
            case CRASH_LOOP -> badCrashLoop[s] && anyBad(s);
            case MEMORY_LEAK -> badLeak[s] > 0 && anyBad(s);
            case BAD_DEPLOY -> badErr[s] > 0 && anyBad(s);
            case CPU_HOG -> hog[n] > 0 && hostsInstances(n);
            case LATENCY -> faults.instance[f] >= 0 ? extraLat[faults.instanceSlot[f]] > 0 : anyExtraLatency(s);
            case NODE_FAILURE -> anyDownOn(n);
            case DEPENDENCY_OUTAGE -> outageTicks[s] > 0;
            case TRAFFIC_SPIKE -> spikeMult > 1;
            case RETRY_STORM -> slowTicks[s] > 0 || prevErr[s] > 0.05;
        };
    }

    private boolean anyBad(int s) {
        for (int i = off[s]; i < used[s]; i++) {
            if (st[i] != EMPTY && bad[i]) {
                return true;
            }
        }
        return false;
    }

    private boolean anyExtraLatency(int s) {
        for (int i = off[s]; i < used[s]; i++) {
            if (st[i] != EMPTY && extraLat[i] > 0) {
                return true;
            }
        }
        return false;
    }

    private boolean hostsInstances(int n) {
        for (int i = 0; i < nI; i++) {
            if (st[i] != EMPTY && node[i] == n) {
                return true;
            }
        }
        return false;
    }

    private boolean anyDownOn(int n) {
        if (nodeUp[n]) {
            return false;
        }
        for (int i = 0; i < nI; i++) {
            if (st[i] == DOWN && node[i] == n) {
                return true;
            }
        }
        return false;
    }

    /** Service index of an action's target, or -1 (no-op, drain). */
    int actionService(int a) {
        return a == 0 || a > nS * SimSpaces.SA ? -1 : (a - 1) / SimSpaces.SA;
    }

    /** Node index of an action's target, or -1. */
    int actionNode(int a) {
        return a > nS * SimSpaces.SA ? a - 1 - nS * SimSpaces.SA : -1;
    }

    /** Remediation kind of an action. */
    String actionKind(int a) {
        return remediations.get(a).kind();
    }

    /** Services with at least one instance on each node, by name: what a live adapter reads from pod placement. */
    public java.util.Map<String, java.util.List<String>> placement() {
        java.util.Map<String, java.util.List<String>> out = new java.util.LinkedHashMap<>();
        for (int n = 0; n < nN; n++) {
            java.util.List<String> hosted = new java.util.ArrayList<>();
            for (int s = 0; s < nS; s++) {
                if (serviceOnNode(s, n)) {
                    hosted.add(scenario.services().get(s));
                }
            }
            out.put(scenario.nodes().get(n), hosted);
        }
        return out;
    }

    /** Each service's replicas at rest ({@link Scenario#baselineReplicas()}). */
    public java.util.Map<String, Integer> baselineReplicas() {
        return scenario.baselineReplicas();
    }

    /** Callees of each service, by name ({@link Scenario#callGraph()}). */
    public java.util.Map<String, java.util.List<String>> callGraph() {
        return scenario.callGraph();
    }

    /** Whether service {@code s} has an instance on node {@code n}. */
    boolean serviceOnNode(int s, int n) {
        for (int i = off[s]; i < used[s]; i++) {
            if (st[i] != EMPTY && node[i] == n) {
                return true;
            }
        }
        return false;
    }

    boolean calls(int caller, int callee) {
        for (int e = depStart[caller]; e < depStart[caller + 1]; e++) {
            if (depTo[e] == callee) {
                return true;
            }
        }
        return false;
    }

    int services() {
        return nS;
    }

    double sloThreshold() {
        return sloThreshold;
    }

    int settleTicks() {
        return settleTicks;
    }

    FaultLog faultLog() {
        return faults;
    }

    // ======================================================================================= platform

    private void platform() {
        int probeTicks = (int) Math.ceil(PROBE_PERIOD_SECONDS * PROBE_FAILURES / dt);
        for (int s = 0; s < nS; s++) {
            for (int i = off[s]; i < used[s]; i++) {
                switch (st[i]) {
                    case STARTING -> {
                        if (--timer[i] <= 0) {
                            st[i] = READY;
                            readyTicks[i] = 0;
                            rollingMark[i] = false;
                        }
                    }
                    case READY -> {
                        readyTicks[i]++;
                        if (readyTicks[i] * dt >= BACKOFF_RESET_SECONDS) {
                            crashes[i] = 0;
                        }
                        if (bad[i] && badCrashLoop[s] && readyTicks[i] * dt >= CRASH_LOOP_UPTIME_SECONDS) {
                            st[i] = DOWN;
                            downTicks[i] = 0;
                            crashes[i]++;
                        } else if (liveness && extraLat[i] * 1000 >= LIVENESS_TIMEOUT_MS) {
                            // Probes time out: counts as down for the liveness path.
                            st[i] = DOWN;
                            downTicks[i] = 0;
                            crashes[i]++;
                        }
                    }
                    case DOWN -> {
                        downTicks[i]++;
                        int n = node[i];
                        boolean nodeGone = n < 0 || !nodeUp[n];
                        if (nodeGone) {
                            // The platform evicts pods of a dead node after the eviction timeout; a drain does it now.
                            if (liveness && downTicks[i] * dt >= EVICTION_SECONDS) {
                                restartInstance(i, s);
                            } else if (n < 0) {
                                restartInstance(i, s); // waiting for room: try again
                            }
                        } else if (liveness) {
                            double backoff = Math.min(BACKOFF_MAX_SECONDS,
                                    BACKOFF_START_SECONDS * Math.pow(2, Math.max(0, crashes[i] - 1)));
                            if (downTicks[i] >= probeTicks + (int) Math.ceil(backoff / dt)) {
                                restartInstance(i, s);
                            }
                        }
                    }
                    default -> {
                    }
                }
            }
            advanceRolling(s);
        }
        if (hpa) {
            autoscale();
        }
    }

    private void autoscale() {
        int sync = Math.max(1, (int) Math.round(HPA_SYNC_SECONDS / dt));
        if (tick % sync != 0) {
            return;
        }
        int stab = (int) Math.round(HPA_STABILISATION_SECONDS / dt);
        double target = scenario.spec().platform().hpaTargetCpu();
        for (int s = 0; s < nS; s++) {
            int count = instanceCount(s);
            int want = (int) Math.ceil(Math.max(1, readyCount[s]) * cpuUtil[s] / target);
            want = Math.max(minRep[s], Math.min(maxRep[s], want));
            if (want > count) {
                hpaLowTicks[s] = 0;
                for (int k = count; k < want; k++) {
                    if (!scaleOut(s)) {
                        break;
                    }
                }
            } else if (want < count) {
                hpaLowTicks[s] += sync;
                if (hpaLowTicks[s] >= stab) {
                    scaleIn(s);
                    hpaLowTicks[s] = 0;
                }
            } else {
                hpaLowTicks[s] = 0;
            }
        }
    }

    // ======================================================================================= dynamics

    private void simulate() {
        ScenarioSpec.TrafficSpec tr = scenario.spec().traffic();
        double tSec = tick * dt + phaseSeconds;
        // External load.
        noise = 0.8 * noise + 0.6 * tr.noise() * rng.nextGaussian();
        if (flashTicks > 0) {
            if (--flashTicks == 0) {
                flashMult = 1;
            }
        } else if (tr.flashCrowdsPerHour() > 0 && rng.nextDouble() < tr.flashCrowdsPerHour() * dt / 3600) {
            flashMult = tr.flashCrowdMultiplier();
            flashTicks = Math.max(1, (int) Math.round(tr.flashCrowdSeconds() / dt));
        }
        double diurnal = 1 + tr.diurnalAmplitude() * Math.sin(2 * Math.PI * tSec / tr.diurnalPeriodSeconds());
        double external = Math.max(0, tr.baseRps() * diurnal * (1 + noise) * flashMult * spikeMult);

        // Load flows down the call graph (callers first).
        for (int s = 0; s < nS; s++) {
            offered[s] = 0;
        }
        offered[0] = external;
        for (int k = 0; k < nS; k++) {
            int s = order[k];
            admitted[s] = offered[s] * (1 - shedFrac[s]);
            for (int e = depStart[s]; e < depStart[s + 1]; e++) {
                int d = depTo[e];
                double retries = tr.retries() * retryMult[d] * prevErr[d];
                offered[d] += admitted[s] * depFan[e] * (1 + retries);
            }
        }

        // Node CPU contention from the last tick's demand.
        for (int n = 0; n < nN; n++) {
            double avail = nodeCpu[n] - hog[n];
            cpuFactor[n] = nodeCpuUsed[n] <= 0 || avail >= nodeCpuUsed[n] ? 1
                    : Math.max(0.05, avail / nodeCpuUsed[n]);
            hogSaturated[n] = hog[n] > 0 && nodeCpuUsed[n] + hog[n] >= SATURATED_CPU_SHARE * nodeCpu[n];
            nodeCpuUsed[n] = 0;
        }

        // Queueing, latency and errors flow up (callees first).
        for (int k = nS - 1; k >= 0; k--) {
            int s = order[k];
            int ready = 0;
            double capSum = 0;
            double extraSum = 0;
            double extraMax = 0;
            int extraCount = 0;
            int badReady = 0;
            int starved = 0;
            for (int i = off[s]; i < used[s]; i++) {
                if (st[i] == READY && nodeUp[node[i]]) {
                    ready++;
                    capSum += cap[s] * cpuFactor[node[i]];
                    if (hogSaturated[node[i]]) {
                        starved++;
                    }
                    extraSum += extraLat[i];
                    if (extraLat[i] > 0) {
                        extraCount++;
                        if (extraLat[i] > extraMax) {
                            extraMax = extraLat[i];
                        }
                    }
                    if (bad[i]) {
                        badReady++;
                    }
                }
            }
            readyCount[s] = ready;
            starvedCount[s] = starved;
            // Time spent waiting on dependencies, and the errors they return.
            int calls = 0;
            double depTail = 0;
            double depOk = 1;
            double slowdown = 0;
            for (int e = depStart[s]; e < depStart[s + 1]; e++) {
                int d = depTo[e];
                double f = depFan[e];
                if (shedFrac[d] >= 1) {
                    // Circuit open: calls fail fast (critical) or are skipped (optional).
                    if (depCrit[e]) {
                        depOk = 0;
                    }
                    continue;
                }
                double lat = Math.min(latMean[d], timeout[d]);
                callLat[calls] = lat;
                callShare[calls++] = f;
                double tail = Math.min(latP99[d], timeout[d]) - lat;
                if (tail > depTail) {
                    depTail = tail;
                }
                slowdown += f * Math.max(0, lat - normalLatency[d]);
                if (depCrit[e]) {
                    // f <= 1: a share f of requests makes one call; f > 1: every request makes f calls.
                    double ok = 1 - errEff[d];
                    depOk *= f <= 1 ? 1 - f * errEff[d] : Math.pow(Math.max(0, ok), f);
                }
            }
            double depMean = waitOnCalls(0, calls);
            double lambda = admitted[s];
            double ownErr;
            double mean;
            double p50;
            double p99;
            double utilisation;
            if (ready == 0) {
                ownErr = 1;
                mean = base[s];
                p50 = base[s];
                p99 = base[s];
                utilisation = 0;
            } else {
                double mu = capSum / ready;
                if (slowTicks[s] > 0) {
                    mu *= 0.3;
                }
                // A request holds a worker while it waits on its dependencies. Pools have WORKER_HEADROOM
                // times the workers the normal holding time needs; past that, slow dependencies eat capacity.
                mu *= Math.min(1, WORKER_HEADROOM * normalLatency[s] / (normalLatency[s] + slowdown));
                double extraMean = extraSum / ready;
                double rho = lambda / (ready * mu);
                utilisation = Math.min(1, rho);
                double overloadErr = 0;
                double waitMean;
                double wait50;
                double wait99;
                double budget = timeout[s] - base[s] - depMean - extraMean;
                double timedOut;
                if (rho < 0.999) {
                    // Erlang C waiting-time quantiles (see Queueing), with one log and one exp.
                    double pWait = Queueing.erlangC(ready, lambda, mu);
                    double rate = ready * mu - lambda;
                    waitMean = pWait / rate;
                    double logP = pWait > 0.01 ? Math.log(pWait) : 0;
                    wait50 = pWait <= 0.5 ? 0 : (logP + LN_2) / rate;
                    wait99 = pWait <= 0.01 ? 0 : (logP + LN_100) / rate;
                    timedOut = budget <= 0 ? 1 : (pWait <= 1e-9 || rate * budget > 40 ? 0 : pWait * Math.exp(-rate * budget));
                } else {
                    // Saturated: what cannot be served times out; the rest waits about a timeout.
                    overloadErr = 1 - 0.999 / rho;
                    waitMean = Math.max(0, budget);
                    wait50 = waitMean;
                    wait99 = waitMean;
                    timedOut = 0.5;
                }
                double badShare = (double) badReady / ready;
                // Round-robin: a slow instance serves 1/ready of the requests; it sets the p99 when that
                // share is above 1 %, the median when more than half the instances are slow.
                double extraTail = extraCount > 0 && extraCount >= 0.01 * ready ? extraMax : 0;
                double extraMedian = 2 * extraCount > ready ? extraMax : 0;
                mean = base[s] + waitMean + depMean + extraMean;
                p50 = base[s] + wait50 + depMean + extraMedian;
                p99 = base[s] + wait99 + depMean + depTail + extraTail;
                ownErr = 1 - (1 - overloadErr) * (1 - timedOut) * (1 - badShare * badErr[s]);
            }
            if (outageTicks[s] > 0) {
                // The service's own external dependency hangs: every request waits for the timeout and fails.
                ownErr = 1;
                mean = timeout[s];
                p50 = timeout[s];
                p99 = timeout[s];
                utilisation = Math.max(utilisation, Math.min(1, lambda * timeout[s] / Math.max(1, ready) / 10));
            }
            mean = Math.min(mean, timeout[s]);
            p50 = Math.min(p50, timeout[s]);
            p99 = Math.min(Math.max(p99, p50), timeout[s]);
            latMean[s] = mean;
            latP50[s] = p50;
            latP99[s] = p99;
            double eff = 1 - (1 - ownErr) * depOk;
            errEff[s] = eff < 0 ? 0 : (eff > 1 ? 1 : eff);
            cpuUtil[s] = utilisation;
        }

        // The gateway's view: good = successful and within SLO.
        requests = external * dt;
        dropped = (offered[0] - admitted[0]) * dt;
        double admittedReq = admitted[0] * dt;
        failed = admittedReq * errEff[0];
        served = admittedReq - failed;
        double withinSlo = withinSlo(latP50[0], latP99[0], slo[0]);
        goodRequests = served * withinSlo;
        goodShare = requests > 0 ? goodRequests / requests : 1;

        // Resources: CPU per node, memory growth and OOM kills.
        instancesRunning = 0;
        for (int s = 0; s < nS; s++) {
            double memSum = 0;
            int live = 0;
            for (int i = off[s]; i < used[s]; i++) {
                if (st[i] == EMPTY) {
                    continue;
                }
                instancesRunning++;
                int n = node[i];
                if (st[i] == DOWN || n < 0) {
                    continue;
                }
                live++;
                nodeCpuUsed[n] += cpuPer[s] * (st[i] == READY ? Math.max(0.05, cpuUtil[s]) : 0.5);
                if (bad[i] && badLeak[s] > 0 && st[i] == READY) {
                    double grow = badLeak[s] * dt;
                    mem[i] += grow;
                    nodeMemUsed[n] += grow;
                    if (mem[i] > memLim[s]) {
                        nodeMemUsed[n] -= mem[i];
                        mem[i] = 0;
                        st[i] = DOWN; // OOM-killed
                        downTicks[i] = 0;
                        crashes[i]++;
                        continue;
                    }
                }
                memSum += mem[i] / memLim[s];
            }
            memRatio[s] = live == 0 ? 0 : memSum / live;
            restartsRecent[s] *= restartDecay;
            if (deployAge[s] < Integer.MAX_VALUE / 2) {
                deployAge[s]++;
            }
            prevErr[s] = errEff[s];
        }

        double instanceCost = instancesRunning * costPerInstanceTick;
        totalCost += instanceCost + actionDisruption;
        reward = rewardAvail * goodShare - rewardCost * instanceCost - rewardDisruption * actionDisruption;
        if (rewardRedundancy > 0) {
            reward -= rewardRedundancy * missingShare();
        }
        if (rewardBreaches > 0) {
            reward -= rewardBreaches * breachShare();
        }
        actionDisruption = 0;
        faults.observeTick(this, tick, goodShare);
        if (measured) {
            measure();
        }
    }

    /**
     * {@code from} plus the expected time a request waits on the calls in {@code callLat[0, n)} with
     * {@code callShare} calls per request (below 1: the share of requests that make one): their sum, one
     * after another (added to {@code from} term by term, so the sums are the same to the bit as before
     * parallel calls existed); with parallel calls the expected slowest,
     * {@code sum_k lat_k * p_k * prod_{j slower} (1 - p_j)}.
     */
    private double waitOnCalls(double from, int n) {
        double wait = from;
        if (!parallelCalls) {
            for (int c = 0; c < n; c++) {
                wait += callShare[c] * callLat[c];
            }
            return wait;
        }
        // insertion sort, slowest first (a handful of dependencies)
        for (int c = 1; c < n; c++) {
            double l = callLat[c];
            double p = callShare[c];
            int j = c - 1;
            while (j >= 0 && callLat[j] < l) {
                callLat[j + 1] = callLat[j];
                callShare[j + 1] = callShare[j];
                j--;
            }
            callLat[j + 1] = l;
            callShare[j + 1] = p;
        }
        double slowest = 0;
        double noneSlower = 1;
        for (int c = 0; c < n; c++) {
            double p = Math.min(1, callShare[c]);
            slowest += callLat[c] * p * noneSlower;
            noneSlower *= 1 - p;
        }
        return wait + slowest;
    }

    /** What this tick's observation shows under the scenario's measurement model. */
    private void measure() {
        for (int n = 0; n < nN; n++) {
            shownNodeMem[n] = nodeMemUsed[n];
        }
        for (int s = 0; s < nS; s++) {
            double rate = offered[s];
            shownRate[s] = rateWindow > 0 ? Math.max(0, rate + Math.sqrt(rate / rateWindow) * measureRng.nextGaussian()) : rate;
            double memSum = 0;
            int live = 0;
            for (int i = off[s]; i < used[s]; i++) {
                double garbage = heapSawtooth * mem0[s] * (gcPhase[i] - 0.5);
                gcPhase[i] += gcStep[i];
                gcPhase[i] -= Math.floor(gcPhase[i]);
                if (st[i] == EMPTY || st[i] == DOWN || node[i] < 0) {
                    continue;
                }
                live++;
                memSum += (mem[i] + garbage) / memLim[s];
                shownNodeMem[node[i]] += garbage;
            }
            shownMem[s] = live == 0 ? 0 : memSum / live;
            double jitter = latencyError / 4;
            shownP50[s] = Math.min(timeout[s], latP50[s] * latFactor[s] * Math.exp(jitter * measureRng.nextGaussian()));
            shownP99[s] = Math.max(shownP50[s], Math.min(timeout[s],
                    (latP99[s] + latencyTail * base[s]) * latFactor[s] * Math.exp(jitter * measureRng.nextGaussian())));
        }
    }

    /**
     * Mean over services of {@link #missing(int)}: lost redundancy. Counted against the scenario's
     * replicas or, when there are more instances, against those: scaling in below the scenario's count is
     * no way around it, and neither is adding an instance beside a dead one.
     */
    private double missingShare() {
        double sum = 0;
        for (int s = 0; s < nS; s++) {
            sum += missing(s);
        }
        return sum / nS;
    }

    /** Share of services that break their SLO now ({@link #breaches(int)}). */
    private double breachShare() {
        int n = 0;
        for (int s = 0; s < nS; s++) {
            if (breaches(s)) {
                n++;
            }
        }
        return n / (double) nS;
    }

    /**
     * Whether service {@code s} breaks its SLO, as the live health check reads one at its defaults: its p99
     * latency above its SLO or more than 5 % of its requests failing (the model's values, not the measured).
     */
    private boolean breaches(int s) {
        return latP99[s] > HEALTHY.p99LatencyRatio() * slo[s] || errEff[s] > HEALTHY.errorRate();
    }

    /**
     * Share of service {@code s}'s wanted replicas that are not ready now, where wanted is the larger of
     * the scenario's count and the instances there are (starting, ready or down): as the live health
     * check reads a service with 2 of 3 instances ready, and as Kubernetes reads a Deployment. A ready
     * instance on a node whose CPU a neighbour's hog takes up counts as missing too: it serves a light
     * load, but could not carry its peers' share if one failed (the redundancy is lost until it moves).
     */
    private double missing(int s) {
        int wanted = Math.max(initRep[s], count[s]);
        int able = readyCount[s] - starvedCount[s];
        return wanted > able ? (wanted - able) / (double) wanted : 0;
    }

    /**
     * Share of requests whose latency is within {@code slo}, from the median and p99 (an exponential
     * tail fitted through them).
     */
    static double withinSlo(double p50, double p99, double slo) {
        if (p99 <= slo) {
            return 1;
        }
        if (p50 >= slo) {
            double r = slo / p50;
            return 0.5 * r * r * r;
        }
        double beta = Math.log(50) / Math.max(1e-9, p99 - p50);
        return 1 - 0.5 * Math.exp(-beta * (slo - p50));
    }
}
