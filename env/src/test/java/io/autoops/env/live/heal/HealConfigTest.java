package io.autoops.env.live.heal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HealConfigTest {

    @TempDir
    Path dir;

    @Test
    void theDocumentedExampleLoadsWithItsValues() throws Exception {
        Path f = Files.writeString(dir.resolve("live.yaml"), HealConfig.example());
        HealConfig c = HealConfig.load(f);
        assertThat(c.shop()).isEqualTo(dir.resolve(".autoops/shop"));
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.guards().cooldownMillis()).isEqualTo(30_000);
        assertThat(c.guards().approvalKinds()).containsExactlyInAnyOrder("rollback", "drain");
        assertThat(c.guards().fallbacks()).containsEntry("restart", "rollback");
        assertThat(c.audit()).isEqualTo(dir.resolve(".autoops/heal/audit.jsonl"));
    }

    @Test
    void badInputNamesTheFileFieldAndValue() throws Exception {
        Path f = Files.writeString(dir.resolve("a.yaml"), "shop: s\nguards:\n  cooldown: 3 weeks\n");
        assertThatThrownBy(() -> HealConfig.load(f)).hasMessageContaining("a.yaml")
                .hasMessageContaining("guards.cooldown").hasMessageContaining("'3 weeks' is not a duration");
        Path g = Files.writeString(dir.resolve("b.yaml"), "shop: s\nguards:\n  approvalKinds: [reboot]\n");
        assertThatThrownBy(() -> HealConfig.load(g)).hasMessageContaining("unknown remediation kind 'reboot'");
        Path h = Files.writeString(dir.resolve("c.yaml"), "shop: s\nguardz: {}\n");
        assertThatThrownBy(() -> HealConfig.load(h)).hasMessageContaining("c.yaml line ").hasMessageContaining("guardz");
        Path i = Files.writeString(dir.resolve("d.yaml"), "interval: 1s\n");
        assertThatThrownBy(() -> HealConfig.load(i)).hasMessageContaining("prometheus.url (or shop) is required");
        assertThatThrownBy(() -> HealConfig.load(dir.resolve("none.yaml"))).hasMessageContaining("no configuration file");
    }

    @Test
    void webhooks_areParsed_andABadUrlIsNamed() throws Exception {
        Path f = Files.writeString(dir.resolve("w.yaml"), """
                shop: s
                webhooks:
                  - url: https://hooks.example.com/autoops
                    headers: {Authorization: "Bearer abc"}
                  - url: http://127.0.0.1:9000/alerts
                """);
        HealConfig c = HealConfig.load(f);
        assertThat(c.webhooks()).hasSize(2);
        assertThat(c.webhooks().get(0).url().toString()).isEqualTo("https://hooks.example.com/autoops");
        assertThat(c.webhooks().get(0).headers()).containsEntry("Authorization", "Bearer abc");
        assertThat(c.webhooks().get(1).headers()).isEmpty();
        assertThat(HealConfig.load(Files.writeString(dir.resolve("none.yaml"), "shop: s\n")).webhooks()).isEmpty();
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "shop: s\nwebhooks:\n  - url: ftp://x/y\n");
        assertThatThrownBy(() -> HealConfig.load(bad)).hasMessageContaining("bad.yaml")
                .hasMessageContaining("webhooks[0].url").hasMessageContaining("'ftp://x/y'");
        Path missing = Files.writeString(dir.resolve("missing.yaml"), "shop: s\nwebhooks:\n  - headers: {}\n");
        assertThatThrownBy(() -> HealConfig.load(missing)).hasMessageContaining("webhooks[0].url is required");
    }
}
