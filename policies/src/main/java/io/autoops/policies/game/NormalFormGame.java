package io.autoops.policies.game;

import java.util.Arrays;
import java.util.List;

/**
 * A finite N-player game in strategic (normal) form, G = (N, A, u). Payoffs are stored per joint
 * action profile, profiles indexed with player 0's action varying fastest (Gambit's order).
 * Immutable.
 */
public final class NormalFormGame {

    private final String title;
    private final List<String> players;
    private final int[] actions;
    private final List<List<String>> actionNames;
    private final double[][] payoffs; // [profile][player]
    private final int[] stride;

    public NormalFormGame(String title, List<String> players, List<List<String>> actionNames, double[][] payoffs) {
        this.title = title;
        this.players = List.copyOf(players);
        this.actionNames = actionNames.stream().map(List::copyOf).toList();
        if (players.size() < 1 || players.size() != actionNames.size()) {
            throw new IllegalArgumentException("need one action list per player");
        }
        actions = actionNames.stream().mapToInt(List::size).toArray();
        stride = new int[actions.length];
        int profiles = 1;
        for (int p = 0; p < actions.length; p++) {
            if (actions[p] < 1) {
                throw new IllegalArgumentException("player " + players.get(p) + " has no action");
            }
            stride[p] = profiles;
            profiles *= actions[p];
        }
        if (payoffs.length != profiles) {
            throw new IllegalArgumentException("expected payoffs for " + profiles + " action profiles, got " + payoffs.length);
        }
        this.payoffs = new double[profiles][];
        for (int i = 0; i < profiles; i++) {
            if (payoffs[i].length != players.size()) {
                throw new IllegalArgumentException("profile " + i + " needs " + players.size() + " payoffs");
            }
            this.payoffs[i] = payoffs[i].clone();
        }
    }

    public String title() {
        return title;
    }

    public int playerCount() {
        return players.size();
    }

    public List<String> players() {
        return players;
    }

    public int actions(int player) {
        return actions[player];
    }

    public List<String> actionNames(int player) {
        return actionNames.get(player);
    }

    public int profileCount() {
        return payoffs.length;
    }

    /** Index of a joint action profile (one action per player). */
    public int index(int[] profile) {
        int i = 0;
        for (int p = 0; p < profile.length; p++) {
            i += profile[p] * stride[p];
        }
        return i;
    }

    /** The joint action profile at an index. */
    public int[] profile(int index) {
        int[] out = new int[actions.length];
        for (int p = 0; p < actions.length; p++) {
            out[p] = (index / stride[p]) % actions[p];
        }
        return out;
    }

    public double payoff(int[] profile, int player) {
        return payoffs[index(profile)][player];
    }

    /** Player {@code player}'s payoff at the profile with index {@code index}. */
    public double payoff(int index, int player) {
        return payoffs[index][player];
    }

    /** Player 0's action varies fastest: index = sum of action x stride. */
    public int stride(int player) {
        return stride[player];
    }

    /** A two-player game's payoffs to {@code player} as a matrix [row action][column action]. */
    public double[][] matrix(int player) {
        if (playerCount() != 2) {
            throw new IllegalArgumentException("a payoff matrix needs a two-player game; this one has " + playerCount());
        }
        double[][] m = new double[actions[0]][actions[1]];
        for (int i = 0; i < actions[0]; i++) {
            for (int j = 0; j < actions[1]; j++) {
                m[i][j] = payoffs[i + j * stride[1]][player];
            }
        }
        return m;
    }

    /** A two-player game from its payoff matrices [row][column]. */
    public static NormalFormGame bimatrix(String title, double[][] a, double[][] b) {
        int m = a.length;
        int n = a[0].length;
        double[][] pay = new double[m * n][];
        for (int i = 0; i < m; i++) {
            if (a[i].length != n || b[i].length != n) {
                throw new IllegalArgumentException("row " + i + " of the payoff matrices needs " + n + " columns");
            }
            for (int j = 0; j < n; j++) {
                pay[i + j * m] = new double[] {a[i][j], b[i][j]};
            }
        }
        return new NormalFormGame(title, List.of("1", "2"), List.of(names("r", m), names("c", n)), pay);
    }

    private static List<String> names(String prefix, int k) {
        return java.util.stream.IntStream.range(0, k).mapToObj(i -> prefix + (i + 1)).toList();
    }

    public double[] payoffs(int[] profile) {
        return payoffs[index(profile)].clone();
    }

    /** Sum of all players' payoffs: the social welfare of a profile. */
    public double welfare(int[] profile) {
        return Arrays.stream(payoffs[index(profile)]).sum();
    }
}
