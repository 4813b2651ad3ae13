package io.autoops.policies.game;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PureNashTest {

    static final String PRISONERS = """
            NFG 1 R "Prisoner's Dilemma" { "Player 1" "Player 2" } { { "C" "D" } { "C" "D" } }
            ""

            -1 -1 0 -3 -3 0 -2 -2
            """;

    @Test
    void prisonersDilemma_uniqueEquilibriumIsDefect_whileCooperationMaximisesWelfare() {
        NormalFormGame g = Nfg.parse("pd.nfg", PRISONERS);
        assertThat(g.actionNames(0)).containsExactly("C", "D");
        assertThat(PureNash.equilibria(g)).containsExactly(new int[] {1, 1});
        assertThat(PureNash.welfareOptimum(g)).containsExactly(0, 0);
        assertThat(g.payoffs(new int[] {1, 0})).containsExactly(0.0, -3.0); // P1 defects, P2 cooperates
    }

    @Test
    void battleOfTheSexes_hasTwoPureEquilibria() {
        NormalFormGame g = Nfg.parse("bos.nfg", "NFG 1 R \"BoS\" { \"A\" \"B\" } { 2 2 }\n2 1 0 0 0 0 1 2\n");
        assertThat(PureNash.equilibria(g)).containsExactly(new int[] {0, 0}, new int[] {1, 1});
    }

    @Test
    void matchingPennies_hasNoPureEquilibrium() {
        NormalFormGame g = Nfg.parse("mp.nfg", "NFG 1 R \"MP\" { \"1\" \"2\" } { 2 2 }\n1 -1 -1 1 -1 1 1 -1\n");
        assertThat(PureNash.equilibria(g)).isEmpty();
    }

    @Test
    void threePlayerGame_hasTheKnownEquilibrium() {
        // Each player gets 1 when choosing the same action as player 1, else 0; player 1 gets 1 always.
        StringBuilder payoffs = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            int a = i % 2;
            int b = (i / 2) % 2;
            int c = (i / 4) % 2;
            payoffs.append("1 ").append(b == a ? 1 : 0).append(' ').append(c == a ? 1 : 0).append(' ');
        }
        NormalFormGame g = Nfg.parse("three.nfg", "NFG 1 R \"coord3\" { \"1\" \"2\" \"3\" } { 2 2 2 }\n" + payoffs);
        assertThat(PureNash.equilibria(g)).containsExactly(new int[] {0, 0, 0}, new int[] {1, 1, 1});
    }

    @Test
    void writeThenParse_roundTrips() {
        NormalFormGame g = Nfg.parse("pd.nfg", PRISONERS);
        NormalFormGame back = Nfg.parse("again.nfg", Nfg.write(g));
        for (int i = 0; i < g.profileCount(); i++) {
            assertThat(back.payoffs(back.profile(i))).containsExactly(g.payoffs(g.profile(i)));
        }
        assertThat(back.players()).isEqualTo(g.players());
    }

    @Test
    void malformedFiles_nameTheLine() {
        assertThatThrownBy(() -> Nfg.parse("bad.nfg", "NFG 1 R \"x\" { \"1\" \"2\" } { 2 2 }\n\n1 2 3 four 5 6 7 8\n"))
                .hasMessage("bad.nfg:3: expected a payoff number, got 'four'");
        assertThatThrownBy(() -> Nfg.parse("short.nfg", "NFG 1 R \"x\" { \"1\" \"2\" } { 2 2 }\n1 2 3\n"))
                .hasMessageContaining("short.nfg:2: the file ends where 8 payoffs");
        assertThatThrownBy(() -> Nfg.parse("v.nfg", "NFG 2 R \"x\" { \"1\" } { 2 }\n1 2\n"))
                .hasMessage("v.nfg:1: unsupported NFG version '2' (only 1)");
        assertThatThrownBy(() -> Nfg.parse("n.nfg", "NFG 1 R \"x\" { \"1\" \"2\" } { 2 }\n1 2\n"))
                .hasMessageContaining("n.nfg:1: 2 players but 1 strategy counts");
    }
}
