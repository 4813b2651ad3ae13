package io.autoops.policies.game;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class GameSolversTest {

    static final NormalFormGame PRISONERS = NormalFormGame.bimatrix("pd",
            new double[][] {{-1, -3}, {0, -2}}, new double[][] {{-1, 0}, {-3, -2}});
    static final NormalFormGame PENNIES = NormalFormGame.bimatrix("mp",
            new double[][] {{1, -1}, {-1, 1}}, new double[][] {{-1, 1}, {1, -1}});
    /** Opera/football: the row player prefers opera (3 vs 2), the column player football. */
    static final NormalFormGame SEXES = NormalFormGame.bimatrix("bos",
            new double[][] {{3, 0}, {0, 2}}, new double[][] {{2, 0}, {0, 3}});
    static final NormalFormGame RPS = NormalFormGame.bimatrix("rps",
            new double[][] {{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}}, new double[][] {{0, 1, -1}, {-1, 0, 1}, {1, -1, 0}});
    /** Aumann's chicken: (chicken, chicken) 6/6, (chicken, dare) 2/7, (dare, dare) 0/0. */
    static final NormalFormGame CHICKEN = NormalFormGame.bimatrix("chicken",
            new double[][] {{6, 2}, {7, 0}}, new double[][] {{6, 7}, {2, 0}});
    /** von Stengel's 3x2 example made degenerate: against the top row both columns pay the column player 3. */
    static final NormalFormGame DEGENERATE = NormalFormGame.bimatrix("degenerate",
            new double[][] {{3, 3}, {2, 5}, {0, 6}}, new double[][] {{3, 3}, {2, 6}, {3, 1}});
    static final NormalFormGame STAG_HUNT = NormalFormGame.bimatrix("stag",
            new double[][] {{4, 0}, {3, 3}}, new double[][] {{4, 3}, {0, 3}});

    @Test
    void prisonersDilemma_everyMethodFindsMutualDefection() {
        double[][] defect = {{0, 1}, {0, 1}};
        assertStrategies(only(SupportEnumeration.solve(PRISONERS).equilibria()), defect);
        assertStrategies(LemkeHowson.solve(PRISONERS, 0), defect);
        assertStrategies(FictitiousPlay.solve(PRISONERS, 1000, 1e-9), defect);
        assertThat(RegretMatching.solve(PRISONERS, 5000, 1e-6).epsilon()).isLessThan(1e-3);
    }

    @Test
    void matchingPennies_uniqueEquilibriumIsHalfHalf() {
        double[][] half = {{0.5, 0.5}, {0.5, 0.5}};
        SupportEnumeration.Result r = SupportEnumeration.solve(PENNIES);
        assertThat(r.degenerate()).isFalse();
        assertStrategies(only(r.equilibria()), half);
        assertStrategies(LemkeHowson.solve(PENNIES, 0), half);
        assertThat(only(r.equilibria()).payoffs()).containsExactly(new double[] {0, 0}, within(1e-12));
        // Fictitious play and regret matching approach it; their reported epsilon is what the profile achieves.
        Equilibrium fp = FictitiousPlay.solve(PENNIES, 20000, 1e-3);
        assertThat(fp.epsilon()).isLessThan(0.01).isEqualTo(Payoffs.epsilon(PENNIES, fp.strategies()));
        assertThat(RegretMatching.solve(PENNIES, 20000, 1e-4).strategies()[0][0]).isCloseTo(0.5, within(0.01));
    }

    @Test
    void battleOfTheSexes_hasThreeEquilibria_twoPureAndOneMixed() {
        List<Equilibrium> all = SupportEnumeration.solve(SEXES).equilibria();
        assertThat(all).hasSize(3);
        assertThat(all).anySatisfy(e -> assertStrategies(e, new double[][] {{1, 0}, {1, 0}}));
        assertThat(all).anySatisfy(e -> assertStrategies(e, new double[][] {{0, 1}, {0, 1}}));
        // Mixed: the row player goes to opera with 3/5 (making the column player indifferent), the column with 2/5.
        assertThat(all).anySatisfy(e -> {
            assertStrategies(e, new double[][] {{0.6, 0.4}, {0.4, 0.6}});
            assertThat(e.payoffs()).containsExactly(new double[] {1.2, 1.2}, within(1e-9));
        });
        assertThat(Selection.byWelfare(all).welfare()).isEqualTo(5.0);
        assertThat(VertexEnumeration.solve(SEXES)).hasSize(3);
    }

    @Test
    void rockPaperScissors_uniformIsTheOnlyEquilibrium() {
        double third = 1.0 / 3;
        double[][] uniform = {{third, third, third}, {third, third, third}};
        assertStrategies(only(SupportEnumeration.solve(RPS).equilibria()), uniform);
        for (int label = 0; label < 6; label++) {
            assertStrategies(LemkeHowson.solve(RPS, label), uniform);
        }
        assertThat(RegretMatching.solve(RPS, 20000, 1e-4).epsilon()).isLessThan(1e-3);
    }

    @Test
    void degenerateGame_isDetectedAndItsExtremeEquilibriaAllFound() {
        SupportEnumeration.Result r = SupportEnumeration.solve(DEGENERATE);
        assertThat(r.degenerate()).isTrue();
        // The top row with any column mix y1 >= 2/3 (a continuum: two extreme points), and one mixed equilibrium.
        assertThat(r.equilibria()).hasSize(3);
        assertThat(r.equilibria()).anySatisfy(e -> assertStrategies(e, new double[][] {{1, 0, 0}, {1, 0}}));
        assertThat(r.equilibria()).anySatisfy(e -> assertStrategies(e, new double[][] {{1, 0, 0}, {2.0 / 3, 1.0 / 3}}));
        assertThat(r.equilibria()).anySatisfy(e -> assertStrategies(e, new double[][] {{0, 1.0 / 3, 2.0 / 3}, {1.0 / 3, 2.0 / 3}}));
        assertThat(r.equilibria()).allSatisfy(e -> assertThat(e.epsilon()).isLessThan(1e-9));
        for (int label = 0; label < 5; label++) {
            assertThat(LemkeHowson.solve(DEGENERATE, label).epsilon()).isLessThan(1e-9);
        }
    }

    @Test
    void nondegenerateGame_vonStengelsExample_hasItsThreeEquilibria() {
        NormalFormGame g = NormalFormGame.bimatrix("vs", new double[][] {{3, 3}, {2, 5}, {0, 6}},
                new double[][] {{3, 2}, {2, 6}, {3, 1}});
        SupportEnumeration.Result r = SupportEnumeration.solve(g);
        assertThat(r.degenerate()).isFalse();
        assertThat(r.equilibria()).hasSize(3);
        assertThat(r.equilibria()).anySatisfy(e -> assertStrategies(e, new double[][] {{0.8, 0.2, 0}, {2.0 / 3, 1.0 / 3}}));
        assertThat(VertexEnumeration.solve(g)).hasSize(3);
    }

    @Test
    void threePlayerGame_approximateMethodsReachTheKnownEquilibrium() {
        // Three-player prisoner's dilemma: each gains 1 from defecting, loses 2 per other defector... defection dominates.
        double[][] pay = new double[8][3];
        for (int i = 0; i < 8; i++) {
            int[] d = {i % 2, (i / 2) % 2, (i / 4) % 2};
            int defectors = d[0] + d[1] + d[2];
            for (int p = 0; p < 3; p++) {
                pay[i][p] = 3 - (defectors - d[p]) * 2 + d[p];
            }
        }
        NormalFormGame g = new NormalFormGame("pd3", List.of("1", "2", "3"),
                List.of(List.of("C", "D"), List.of("C", "D"), List.of("C", "D")), pay);
        assertThat(PureNash.equilibria(g)).containsExactly(new int[] {1, 1, 1});
        double[][] allDefect = {{0, 1}, {0, 1}, {0, 1}};
        assertStrategies(FictitiousPlay.solve(g, 1000, 1e-9), allDefect);
        Equilibrium rm = RegretMatching.solve(g, 5000, 1e-6);
        assertThat(rm.epsilon()).isLessThan(1e-3);
        assertThat(rm.strategies()[2][1]).isGreaterThan(0.99);
        assertThatThrownBy(() -> SupportEnumeration.solve(g)).hasMessageContaining("two-player");
    }

    @Test
    void chicken_welfareMaximisingCorrelatedEquilibriumBeatsEveryNashEquilibrium() {
        CorrelatedEquilibrium ce = CorrelatedEquilibrium.maxWelfare(CHICKEN);
        // Profile order: (C,C), (D,C), (C,D), (D,D) - player 1 fastest.
        assertThat(ce.distribution()).containsExactly(new double[] {0.5, 0.25, 0.25, 0}, within(1e-7));
        assertThat(ce.payoffs()).containsExactly(new double[] {5.25, 5.25}, within(1e-7));
        assertThat(ce.epsilon()).isLessThan(1e-7);
        double bestNash = Selection.byWelfare(SupportEnumeration.solve(CHICKEN).equilibria()).welfare();
        assertThat(bestNash).isEqualTo(28.0 / 3, within(1e-9)); // the mixed one: chicken with 2/3, 14/3 each
        assertThat(ce.welfare()).isGreaterThan(bestNash);
    }

    @Test
    void stagHunt_welfareSelectsStag_riskDominanceSelectsHare() {
        List<int[]> pure = PureNash.equilibria(STAG_HUNT);
        assertThat(pure).containsExactly(new int[] {0, 0}, new int[] {1, 1});
        assertThat(Selection.riskDominant(STAG_HUNT, pure)).hasValueSatisfying(e -> assertThat(e).containsExactly(1, 1));
        assertThat(Selection.riskDominance(STAG_HUNT, pure.get(0), pure.get(1))).isEqualTo(1.0 - 9.0);
    }

    @Test
    void randomGames_lemkeHowsonFindsAnEquilibriumThatSupportEnumerationAlsoFinds() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 20; trial++) {
            NormalFormGame g = random(rnd, 4, 5);
            List<Equilibrium> all = SupportEnumeration.solve(g).equilibria();
            assertThat(all).isNotEmpty().allSatisfy(e -> assertThat(e.epsilon()).isLessThan(1e-9));
            Equilibrium lh = LemkeHowson.solve(g, trial % 9);
            assertThat(lh.epsilon()).isLessThan(1e-9);
            assertThat(all).anySatisfy(e -> assertThat(e.sameAs(lh, 1e-7)).isTrue());
            assertThat(VertexEnumeration.solve(g)).hasSameSizeAs(all);
        }
    }

    @Test
    void tooLargeForEnumeration_saysWhatToUseInstead() {
        NormalFormGame g = random(new SplittableRandom(3), 20, 20);
        assertThatThrownBy(() -> SupportEnumeration.solve(g)).hasMessageContaining("lemke-howson");
        assertThat(LemkeHowson.solve(g, 0).epsilon()).isLessThan(1e-8);
    }

    static NormalFormGame random(SplittableRandom rnd, int m, int n) {
        double[][] a = new double[m][n];
        double[][] b = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = rnd.nextDouble();
                b[i][j] = rnd.nextDouble();
            }
        }
        return NormalFormGame.bimatrix("random", a, b);
    }

    private static Equilibrium only(List<Equilibrium> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }

    private static void assertStrategies(Equilibrium e, double[][] expected) {
        for (int p = 0; p < expected.length; p++) {
            assertThat(e.strategies()[p]).containsExactly(expected[p], within(1e-6));
        }
    }

    @Test
    void correlatedEquilibria_ofDegenerateRandomGames_solve_withinTheDocumentedSlack() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(10);
        double[][] a = new double[10][10];
        double[][] b = new double[10][10];
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                a[i][j] = rnd.nextDouble();
                b[i][j] = rnd.nextDouble();
            }
        }
        NormalFormGame g = NormalFormGame.bimatrix("random 10x10", a, b);
        CorrelatedEquilibrium ce = CorrelatedEquilibrium.maxWelfare(g);   // cycled for ever before the slack
        assertThat(ce.epsilon()).isLessThan(2 * CorrelatedEquilibrium.SLACK + 1e-9);   // payoffs span [0, 1)
        assertThat(java.util.Arrays.stream(ce.distribution()).sum()).isCloseTo(1, within(1e-9));
        double bestNash = Selection.byWelfare(SupportEnumeration.solve(g).equilibria()).welfare();
        assertThat(ce.welfare()).isGreaterThanOrEqualTo(bestNash - 1e-4);   // every Nash equilibrium is a CE
    }
}
