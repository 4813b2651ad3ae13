package io.autoops.experiments.report;

import io.autoops.env.scenario.Suite;
import io.autoops.experiments.bench.Benchmark;
import io.autoops.experiments.bench.PolicyRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Opens the report in a real headless browser (Debian chromium, installed by ./autoops test). */
@Tag("slow")
class ReportRenderTest {

    @TempDir
    Path dir;

    @Test
    void report_rendersInChromiumWithEveryImageLoaded() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        assertThat(chromium).as("chromium is installed by ./autoops test (apt-get install chromium)").isExecutable();
        Suite suite = Suite.load("smoke");
        Benchmark.Result r = Benchmark.run(new Benchmark.Config(suite, List.of("noop", "rules.threshold", "oracle"), 2, 2,
                dir.resolve("bench"), "test"), PolicyRegistry.builtIn(suite.scenarios(), 2), null);
        Path report = r.out().resolve("report.html");
        String dom = run(chromium, "--dump-dom", report.toUri().toString());
        int images = (int) Files.readString(report).lines().filter(l -> l.contains("<img ")).count();
        assertThat(images).isGreaterThanOrEqualTo(5);
        assertThat(dom).contains("data-images=\"" + images + "/" + images + "\"");
        assertThat(dom).doesNotContain("<p>image missing");
        Path shot = dir.resolve("report.png");
        run(chromium, "--screenshot=" + shot, "--window-size=1200,2400", report.toUri().toString());
        assertThat(Files.size(shot)).isGreaterThan(50_000); // a real page with charts, not a blank one
    }

    private String run(Path chromium, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--virtual-time-budget=5000",
                "--user-data-dir=" + dir.resolve("profile")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }
}
