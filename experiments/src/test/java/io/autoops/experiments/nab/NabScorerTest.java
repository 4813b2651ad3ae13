package io.autoops.experiments.nab;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NabScorerTest {

    @TempDir
    Path dir;

    private static final NabCorpus.Profile STANDARD = new NabCorpus.Profile("standard", 1.0, 0.11, 1.0);

    /** A corpus of one 20-row file with one labelled window over rows 10 to 13. */
    private NabCorpus tiny() throws IOException {
        Files.createDirectories(dir.resolve("labels"));
        Files.createDirectories(dir.resolve("config"));
        Files.createDirectories(dir.resolve("cat"));
        StringBuilder csv = new StringBuilder("timestamp,value\n");
        for (int i = 0; i < 20; i++) {
            csv.append(String.format("2020-01-01 00:%02d:00,%d%n", i, i));
        }
        Files.writeString(dir.resolve("cat/series.csv"), csv);
        Files.writeString(dir.resolve("labels/combined_windows.json"),
                "{\"cat/series.csv\": [[\"2020-01-01 00:10:00.000000\", \"2020-01-01 00:13:00.000000\"]]}");
        Files.writeString(dir.resolve("config/profiles.json"),
                "{\"standard\": {\"CostMatrix\": {\"tpWeight\": 1.0, \"fnWeight\": 1.0, \"fpWeight\": 0.11, \"tnWeight\": 1.0}}}");
        return NabCorpus.load(dir);
    }

    @Test
    void load_readsRowsWindowsAndProbation() throws IOException {
        NabCorpus c = tiny();
        NabCorpus.Series s = c.series().get(0);
        assertThat(s.values()).hasSize(20);
        assertThat(s.windows()).hasSize(1);
        assertThat(s.windows().get(0)).containsExactly(10, 13);
        assertThat(s.probationaryRows()).isEqualTo(3); // floor(0.15 * 20)
        assertThat(c.profiles()).containsKey("standard");
    }

    @Test
    void raw_matchesAHandComputedScore() throws IOException {
        NabCorpus c = tiny();
        double[] scores = new double[20];
        scores[1] = 1;  // probationary: not scored
        scores[5] = 1;  // before the first window: -fpWeight
        scores[11] = 1; // in the window at p = -(13 - 11 + 1) / 4 = -0.75
        scores[12] = 1; // a second detection in the same window: ignored
        scores[16] = 1; // after the window at p = |13 - 16| / (4 - 1) = 1
        double s075 = 2 / (1 + Math.exp(-3.75)) - 1;
        double sMinus1 = 2 / (1 + Math.exp(-5)) - 1;
        double sPlus1 = 2 / (1 + Math.exp(5)) - 1;
        double expected = -0.11 + s075 / sMinus1 + 0.11 * sPlus1;
        assertThat(NabScorer.raw(c.series().get(0), scores, 0.5, STANDARD)).isCloseTo(expected, within(1e-12));
        // ~0.7485; normalised with one window: 100 (raw + 1) / 2
        NabScorer.Result r = NabScorer.score(c, List.of(scores), STANDARD);
        assertThat(r.normalised()).isCloseTo(100 * (expected + 1) / 2, within(1e-9));
    }

    @Test
    void missedWindow_costsFnWeight_andALeftEdgeDetectionScores100() throws IOException {
        NabCorpus c = tiny();
        double[] none = new double[20];
        assertThat(NabScorer.raw(c.series().get(0), none, 0.5, STANDARD)).isEqualTo(-1.0);
        double[] leftEdge = new double[20];
        leftEdge[10] = 1;
        assertThat(NabScorer.score(c, List.of(leftEdge), STANDARD).normalised()).isCloseTo(100, within(1e-9));
    }

    /** The real corpus (shared/data/nab beside the repository): our rolling 3-sigma lands where NAB's does. */
    @Test
    @Tag("slow")
    void sigma3_onTheRealCorpus_scoresLikeNabsWindowedGaussian() {
        String configured = System.getenv("AUTOOPS_NAB");
        Path nab = (configured != null ? Path.of(configured) : Path.of("../../shared/data/nab")).toAbsolutePath().normalize();
        assertThat(nab.resolve("labels/combined_windows.json"))
                .as("the NAB corpus is expected at shared/data/nab beside the repository, or where AUTOOPS_NAB points")
                .isRegularFile();
        NabCorpus corpus = NabCorpus.load(nab);
        assertThat(corpus.series()).hasSize(58);
        assertThat(corpus.windowCount()).isEqualTo(116);
        NabScorer.Result r = NabScorer.score(corpus, NabRun.detect(corpus, "sigma3", true), corpus.profiles().get("standard"));
        assertThat(r.normalised()).isBetween(37.0, 43.0); // published: 39.6
    }
}
