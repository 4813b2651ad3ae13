package io.autoops.env.live.k8s;

import io.autoops.core.ops.Actuator;
import io.autoops.core.ops.Remediation;
import io.autoops.core.ops.Target;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kubernetes actuator against fabric8's mock API server (CRUD mode, plus expectations for errors). */
@EnableKubernetesMockClient(crud = true)
class KubernetesActuatorTest {

    static final String NS = "shop";

    KubernetesMockServer server;
    KubernetesClient client;
    KubernetesActuator actuator;

    @BeforeEach
    void cluster() {
        actuator = new KubernetesActuator(client, NS, "app");
        client.apps().deployments().inNamespace(NS).resource(deployment("payment", 2, "2", "payment:v2")).create();
        client.apps().replicaSets().inNamespace(NS).resource(replicaSet("payment", "payment-aaa", "1", "payment:v1")).create();
        client.apps().replicaSets().inNamespace(NS).resource(replicaSet("payment", "payment-bbb", "2", "payment:v2")).create();
        client.pods().inNamespace(NS).resource(pod("payment-bbb-1", "payment", "node-1", true)).create();
        client.pods().inNamespace(NS).resource(pod("payment-bbb-2", "payment", "node-2", false)).create();
        client.pods().inNamespace(NS).resource(pod("order-1", "order", "node-1", true)).create();
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().withNewSpec().endSpec().build()).create();
    }

    @Test
    void restartDeletesThePodsThatAreNotReadyOrRollsTheDeployment() {
        Actuator.Actuation a = actuator.execute(new Remediation.Restart(Target.service("payment"), Duration.ZERO, 1));
        assertThat(a.outcome()).as(a.message()).isEqualTo(Actuator.Actuation.Outcome.DONE);
        assertThat(a.message()).contains("payment-bbb-2");
        assertThat(client.pods().inNamespace(NS).withName("payment-bbb-2").get()).isNull();
        assertThat(client.pods().inNamespace(NS).withName("payment-bbb-1").get()).isNotNull();

        Actuator.Actuation rolling = actuator.execute(new Remediation.Restart(Target.service("payment"), Duration.ZERO, 1));
        assertThat(rolling.message()).contains("rolling restart");
        assertThat(client.apps().deployments().inNamespace(NS).withName("payment").get().getSpec().getTemplate()
                .getMetadata().getAnnotations()).containsKey(KubernetesActuator.RESTARTED_AT);

        Actuator.Actuation one = actuator.execute(new Remediation.Restart(Target.instance("payment", 0), Duration.ZERO, 1));
        assertThat(one.message()).isEqualTo("deleted pod payment-bbb-1");
    }

    @Test
    void scaleChangesReplicasAndNeverToZero() {
        assertThat(actuator.execute(new Remediation.ScaleOut(Target.service("payment"), 2, Duration.ZERO, 1)).message())
                .isEqualTo("scaled payment from 2 to 4 replicas");
        assertThat(client.apps().deployments().inNamespace(NS).withName("payment").get().getSpec().getReplicas()).isEqualTo(4);
        Actuator.Actuation in = actuator.execute(new Remediation.ScaleIn(Target.service("payment"), 4, Duration.ZERO, 1));
        assertThat(in.outcome()).isEqualTo(Actuator.Actuation.Outcome.REFUSED);
        assertThat(in.message()).contains("would leave none");
    }

    @Test
    void rollbackRestoresThePreviousReplicaSetsTemplate() {
        Actuator.Actuation a = actuator.execute(new Remediation.Rollback(Target.service("payment"), Duration.ZERO, 1));
        assertThat(a.outcome()).as(a.message()).isEqualTo(Actuator.Actuation.Outcome.DONE);
        Deployment d = client.apps().deployments().inNamespace(NS).withName("payment").get();
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("payment:v1");
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey("pod-template-hash");

        client.apps().deployments().inNamespace(NS).resource(deployment("order", 1, "1", "order:v1")).create();
        Actuator.Actuation none = actuator.execute(new Remediation.Rollback(Target.service("order"), Duration.ZERO, 1));
        assertThat(none.outcome()).isEqualTo(Actuator.Actuation.Outcome.REFUSED);
        assertThat(none.message()).contains("no revision before 1");
    }

    @Test
    void drainCordonsTheNodeAndMovesItsPods() {
        assertThat(actuator.instancesOn("node-1")).isEqualTo(Map.of("payment", 1, "order", 1));
        Actuator.Actuation a = actuator.execute(new Remediation.DrainNode(Target.node("node-1"), Duration.ZERO, 1));
        assertThat(a.outcome()).as(a.message()).isEqualTo(Actuator.Actuation.Outcome.DONE);
        assertThat(client.nodes().withName("node-1").get().getSpec().getUnschedulable()).isTrue();
        assertThat(client.pods().inNamespace(NS).list().getItems()).extracting(p -> p.getSpec().getNodeName())
                .doesNotContain("node-1");
        assertThat(actuator.execute(new Remediation.DrainNode(Target.node("node-1"), Duration.ZERO, 1)).outcome())
                .as("already cordoned").isEqualTo(Actuator.Actuation.Outcome.REFUSED);
        assertThat(actuator.execute(new Remediation.DrainNode(Target.node("node-9"), Duration.ZERO, 1)).message())
                .contains("no node node-9");
    }

    @Test
    void missingDeploymentsAndShedLoadAreRefused() {
        assertThat(actuator.execute(new Remediation.ScaleOut(Target.service("ghost"), 1, Duration.ZERO, 1)).message())
                .isEqualTo("no Deployment ghost in namespace shop");
        assertThat(actuator.execute(new Remediation.ShedLoad(Target.service("payment"), 0.5, Duration.ZERO, 1)).outcome())
                .isEqualTo(Actuator.Actuation.Outcome.REFUSED);
    }

    @Test
    void aConflictIsRetriedOnceThenFails() {
        server.expect().patch().withPath("/apis/apps/v1/namespaces/shop/deployments/payment")
                .andReturn(409, "{\"kind\":\"Status\",\"code\":409,\"reason\":\"Conflict\"}").once();
        Actuator.Actuation retried = actuator.execute(new Remediation.ScaleOut(Target.service("payment"), 1, Duration.ZERO, 1));
        assertThat(retried.outcome()).as(retried.message()).isEqualTo(Actuator.Actuation.Outcome.DONE);

        server.expect().patch().withPath("/apis/apps/v1/namespaces/shop/deployments/payment")
                .andReturn(409, "{\"kind\":\"Status\",\"code\":409,\"reason\":\"Conflict\"}").times(2);
        Actuator.Actuation failed = actuator.execute(new Remediation.ScaleOut(Target.service("payment"), 1, Duration.ZERO, 1));
        assertThat(failed.outcome()).isEqualTo(Actuator.Actuation.Outcome.FAILED);
        assertThat(failed.message()).startsWith("conflict twice (409)");
    }

    @Test
    void serverErrorsAndTimeoutsFailWithTheReason() {
        Config slow = new ConfigBuilder(client.getConfiguration()).withRequestTimeout(300).withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient impatient = new KubernetesClientBuilder().withConfig(slow).build()) {
            server.expect().get().withPath("/apis/apps/v1/namespaces/shop/deployments/payment")
                    .andReturn(503, "{\"kind\":\"Status\",\"code\":503,\"message\":\"etcd unavailable\"}").always();
            Actuator.Actuation a = new KubernetesActuator(impatient, NS, "app")
                    .execute(new Remediation.ScaleOut(Target.service("payment"), 1, Duration.ZERO, 1));
            assertThat(a.outcome()).isEqualTo(Actuator.Actuation.Outcome.FAILED);
            assertThat(a.message()).startsWith("API server error 503");

            server.expect().get().delay(3, TimeUnit.SECONDS).withPath("/apis/apps/v1/namespaces/shop/deployments/order")
                    .andReturn(200, deployment("order", 1, "1", "order:v1")).always();
            Actuator.Actuation t = new KubernetesActuator(impatient, NS, "app")
                    .execute(new Remediation.ScaleOut(Target.service("order"), 1, Duration.ZERO, 1));
            assertThat(t.outcome()).isEqualTo(Actuator.Actuation.Outcome.FAILED);
            assertThat(t.message()).startsWith("no answer from the API server within the request timeout");
        }
    }

    static Deployment deployment(String name, int replicas, String revision, String image) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .addToAnnotations(KubernetesActuator.REVISION, revision).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName(name).withImage(image).endContainer().endSpec().endTemplate()
                .endSpec().build();
    }

    static io.fabric8.kubernetes.api.model.apps.ReplicaSet replicaSet(String deployment, String name, String revision, String image) {
        return new ReplicaSetBuilder().withNewMetadata().withName(name).withNamespace(NS)
                .addToAnnotations(KubernetesActuator.REVISION, revision)
                .addNewOwnerReference().withKind("Deployment").withName(deployment).withApiVersion("apps/v1").withUid("u-" + deployment)
                .endOwnerReference().endMetadata()
                .withNewSpec().withReplicas(0).withNewTemplate().withNewMetadata().addToLabels("app", deployment)
                .addToLabels("pod-template-hash", name.substring(name.lastIndexOf('-') + 1)).endMetadata()
                .withNewSpec().addNewContainer().withName(deployment).withImage(image).endContainer().endSpec().endTemplate()
                .endSpec().build();
    }

    static Pod pod(String name, String app, String node, boolean ready) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).addToLabels("app", app).endMetadata()
                .withNewSpec().withNodeName(node).endSpec()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus()
                .build();
    }
}
