package io.autoops.experiments.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.autoops.experiments.cli.AutoOpsTest.run;
import static org.assertj.core.api.Assertions.assertThat;

class GameCommandTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void battleOfTheSexes_supportIsTheDefaultAndPrintsAllThreeEquilibria() throws Exception {
        Path f = write("bos.nfg", "NFG 1 R \"BoS\" { \"1\" \"2\" } { 2 2 }\n3 2 0 0 0 0 2 3\n");
        AutoOpsTest.Run r = run("game", "solve", f.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out().lines()).containsExactlyInAnyOrder(
                "{\"strategies\": [[1, 0], [1, 0]], \"payoffs\": [3, 2]}",
                "{\"strategies\": [[0, 1], [0, 1]], \"payoffs\": [2, 3]}",
                "{\"strategies\": [[0.6, 0.4], [0.4, 0.6]], \"payoffs\": [1.2, 1.2]}");
        AutoOpsTest.Run lh = run("game", "solve", f.toString(), "--method", "lemke-howson");
        assertThat(lh.out().lines()).hasSize(1).first().asString().startsWith("{\"strategies\": [[1, 0], [1, 0]]");
    }

    @Test
    void chicken_ceWelfarePrintsMarginalsPayoffsAndTheJointDistribution() throws Exception {
        Path f = write("chicken.nfg", "NFG 1 R \"Chicken\" { \"1\" \"2\" } { 2 2 }\n6 6 7 2 2 7 0 0\n");
        AutoOpsTest.Run r = run("game", "solve", f.toString(), "--method", "ce-welfare");
        assertThat(r.exit()).isZero();
        assertThat(r.out().strip()).isEqualTo("{\"strategies\": [[0.75, 0.25], [0.75, 0.25]], \"payoffs\": [5.25, 5.25], "
                + "\"distribution\": [0.5, 0.25, 0.25, 0]}");
    }

    @Test
    void approximateMethods_reportTheirEpsilon() throws Exception {
        Path f = write("mp.nfg", "NFG 1 R \"MP\" { \"1\" \"2\" } { 2 2 }\n1 -1 -1 1 -1 1 1 -1\n");
        for (String m : new String[] {"fictitious", "regret"}) {
            AutoOpsTest.Run r = run("game", "solve", f.toString(), "--method", m, "--rounds", "5000");
            assertThat(r.exit()).as(m).isZero();
            assertThat(r.out()).as(m).contains("\"epsilon\": ");
        }
    }

    @Test
    void malformedFile_namesTheLine_andExitsNonZero() throws Exception {
        Path f = write("bad.nfg", "NFG 1 R \"x\" { \"1\" \"2\" } { 2 2 }\n\n1 2 3 oops 5 6 7 8\n");
        AutoOpsTest.Run r = run("game", "solve", f.toString());
        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("bad.nfg:3:").contains("oops");
        AutoOpsTest.Run unknown = run("game", "solve", f.toString(), "--method", "magic");
        assertThat(unknown.exit()).isNotZero();
    }
}
