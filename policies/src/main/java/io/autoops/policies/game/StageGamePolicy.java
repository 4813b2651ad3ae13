package io.autoops.policies.game;

import io.autoops.core.mdp.AgentId;
import io.autoops.core.mdp.ForwardModel;
import io.autoops.core.mdp.JointPolicy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Healers that coordinate through a stage game. At each decision the troubled agents (at most
 * {@code maxPlayers}, worst first; the others do nothing) form a normal-form game: their valid actions,
 * each agent's utility its own look-ahead reward over {@code horizon} steps from the
 * {@link ForwardModel}. The joint action played depends on the {@link Mode}. Decisions are deterministic
 * given the seed (the correlation device of {@link Mode#CE_WELFARE} draws from it).
 */
public final class StageGamePolicy implements JointPolicy {

    /** How the joint action is chosen from the stage game. */
    public enum Mode {
        /** A pure Nash equilibrium, the one with the highest welfare; without one, the profile with the least ε. */
        NASH,
        /** A joint action drawn from the correlated equilibrium that maximises welfare (a mediator's recommendation). */
        CE_WELFARE,
        /** The joint action with the highest welfare: a team that shares one reward. */
        TEAM_OPTIMUM
    }

    /** What the policy did so far: games formed, their sizes, and the welfare given up by equilibrium play. */
    public record Stats(int decisions, int games, long profilesEvaluated, double welfareChosen, double welfareOptimal) {
        /** Welfare of the team optimum over that of the chosen joint actions, over all games (1 = no loss). */
        public double priceOfAnarchy() {
            return welfareChosen > 0 && welfareOptimal > 0 ? welfareOptimal / welfareChosen : Double.NaN;
        }
    }

    private final ForwardModel model;
    private final Mode mode;
    private final int horizon;
    private final int maxPlayers;
    private final long seed;
    private SplittableRandom rng;
    private int decisions;
    private int games;
    private long profiles;
    private double welfareChosen;
    private double welfareOptimal;

    public StageGamePolicy(ForwardModel model, Mode mode, int horizon, int maxPlayers, long seed) {
        if (horizon < 1 || maxPlayers < 1) {
            throw new IllegalArgumentException("horizon and maxPlayers must be >= 1, got " + horizon + ", " + maxPlayers);
        }
        this.model = model;
        this.mode = mode;
        this.horizon = horizon;
        this.maxPlayers = maxPlayers;
        this.seed = seed;
        reset();
    }

    @Override
    public void reset() {
        rng = new SplittableRandom(seed);
    }

    public Stats stats() {
        return new Stats(decisions, games, profiles, welfareChosen, welfareOptimal);
    }

    @Override
    public Map<AgentId, Integer> act(Map<AgentId, double[]> observations, Map<AgentId, boolean[]> masks) {
        decisions++;
        List<AgentId> agents = model.agents();
        int[] joint = decide();
        Map<AgentId, Integer> out = new HashMap<>();
        for (int k = 0; k < agents.size(); k++) {
            if (observations.containsKey(agents.get(k))) {
                out.put(agents.get(k), joint[k]);
            }
        }
        return out;
    }

    /**
     * The game the troubled agents (at most {@code maxPlayers}, worst first) play now: each one's valid
     * local actions, utilities from a look-ahead of {@code horizon} steps per joint action.
     *
     * @param game    the normal-form game (action names are the model's labels)
     * @param welfare per profile of the game, the utility of every agent summed, players or not
     * @param players the agents that play, as indices of the model's agents
     * @param options per player, the local action behind each of its strategies
     */
    public record StageGame(NormalFormGame game, double[] welfare, int[] players, List<int[]> options) {
        /** The profile with the highest welfare (the team optimum). */
        public int bestProfile() {
            int best = 0;
            for (int i = 1; i < welfare.length; i++) {
                if (welfare[i] > welfare[best] + 1e-12) {
                    best = i;
                }
            }
            return best;
        }
    }

    /** The stage game of the model's current state; empty when no agent is troubled. */
    public java.util.Optional<StageGame> stageGame() {
        int[] troubled = model.troubled();
        int k = Math.min(maxPlayers, troubled.length);
        if (k == 0) {
            return java.util.Optional.empty();
        }
        int n = model.agents().size();
        int[] joint = new int[n];
        int[] players = java.util.Arrays.copyOf(troubled, k);
        List<List<String>> actionNames = new ArrayList<>();
        List<int[]> options = new ArrayList<>();
        for (int p : players) {
            boolean[] m = model.mask(p);
            List<String> names = new ArrayList<>();
            List<Integer> valid = new ArrayList<>();
            for (int a = 0; a < m.length; a++) {
                if (m[a]) {
                    valid.add(a);
                    names.add(model.actionLabel(p, a));
                }
            }
            options.add(valid.stream().mapToInt(Integer::intValue).toArray());
            actionNames.add(names);
        }
        int count = 1;
        for (int[] o : options) {
            count *= o.length;
        }
        double[][] payoffs = new double[count][];
        double[] welfare = new double[count];
        int[] prof = new int[k];
        for (int i = 0; i < count; i++) {
            java.util.Arrays.fill(joint, 0);
            for (int q = 0; q < k; q++) {
                joint[players[q]] = options.get(q)[prof[q]];
            }
            double[] u = model.lookAhead(joint, horizon);
            payoffs[i] = new double[k];
            for (int q = 0; q < k; q++) {
                payoffs[i][q] = u[players[q]];
            }
            for (double v : u) {
                welfare[i] += v; // every service's utility, players or not: the system's welfare
            }
            for (int q = 0; q < k; q++) {
                if (++prof[q] < options.get(q).length) {
                    break;
                }
                prof[q] = 0;
            }
        }
        List<String> names = new ArrayList<>();
        for (int p : players) {
            names.add(model.agents().get(p).name());
        }
        return java.util.Optional.of(new StageGame(new NormalFormGame("stage", names, actionNames, payoffs), welfare,
                players, options));
    }

    /** One local action per agent of the model. */
    public int[] decide() {
        int[] joint = new int[model.agents().size()];
        java.util.Optional<StageGame> stage = stageGame();
        if (stage.isEmpty()) {
            return joint;
        }
        StageGame sg = stage.get();
        NormalFormGame g = sg.game();
        double[] welfare = sg.welfare();
        profiles += g.profileCount();
        games++;
        int best = sg.bestProfile();
        int chosen = switch (mode) {
            case TEAM_OPTIMUM -> best;
            case NASH -> nash(g, welfare);
            case CE_WELFARE -> correlated(g, welfare);
        };
        welfareChosen += welfare[chosen];
        welfareOptimal += welfare[best];
        int[] pick = g.profile(chosen);
        for (int q = 0; q < sg.players().length; q++) {
            joint[sg.players()[q]] = sg.options().get(q)[pick[q]];
        }
        return joint;
    }

    private static int nash(NormalFormGame g, double[] welfare) {
        List<int[]> eq = PureNash.equilibria(g);
        if (!eq.isEmpty()) {
            int best = g.index(eq.get(0));
            for (int[] e : eq) {
                if (welfare[g.index(e)] > welfare[best] + 1e-12) {
                    best = g.index(e);
                }
            }
            return best;
        }
        int best = 0;
        double bestEps = Double.POSITIVE_INFINITY;
        for (int i = 0; i < g.profileCount(); i++) {
            double eps = Equilibrium.pure(g, g.profile(i)).epsilon();
            if (eps < bestEps - 1e-12) {
                bestEps = eps;
                best = i;
            }
        }
        return best;
    }

    private int correlated(NormalFormGame g, double[] welfare) {
        // Incentives are the players' own; the objective is the whole system's welfare.
        double[] dist = CorrelatedEquilibrium.maximising(g, welfare).distribution();
        double r = rng.nextDouble();
        double acc = 0;
        for (int i = 0; i < dist.length; i++) {
            acc += dist[i];
            if (r < acc) {
                return i;
            }
        }
        return dist.length - 1;
    }
}
