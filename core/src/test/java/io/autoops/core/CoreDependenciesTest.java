package io.autoops.core;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * core stays light: no ML library, HTTP client or Kubernetes client on its class path (the
 * enforcer plugin bans them at build time; this test checks the class path the tests really get).
 */
class CoreDependenciesTest {

    private static final List<String> FORBIDDEN_CLASSES = List.of(
            "org.nd4j.linalg.factory.Nd4j",
            "org.deeplearning4j.nn.multilayer.MultiLayerNetwork",
            "org.deeplearning4j.rl4j.mdp.MDP",
            "io.fabric8.kubernetes.client.KubernetesClient",
            "okhttp3.OkHttpClient",
            "org.apache.http.client.HttpClient",
            "io.prometheus.metrics.core.metrics.Counter");

    @Test
    void classPath_hasNoForbiddenLibrary() {
        for (String name : FORBIDDEN_CLASSES) {
            boolean present;
            try {
                Class.forName(name, false, getClass().getClassLoader());
                present = true;
            } catch (ClassNotFoundException e) {
                present = false;
            }
            assertThat(present).as("%s must not be on core's class path", name).isFalse();
        }
        String[] entries = System.getProperty("java.class.path").split(File.pathSeparator);
        assertThat(entries).noneMatch(e -> e.matches(".*(deeplearning4j|nd4j|rl4j|fabric8|okhttp|httpclient).*\\.jar"));
    }
}
