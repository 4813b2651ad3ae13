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
}
