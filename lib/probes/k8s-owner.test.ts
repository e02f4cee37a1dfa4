import { describe, expect, it } from "vitest";
import { controllerOf, ownedObjectSchema, ownerVerdict, podListSchema, podVolumes, statefulSetSchema, verdictMessage } from "./k8s-owner";

// Hand-written from the Kubernetes API reference (core/v1 PodList, apps/v1 ReplicaSet, StatefulSet).
const deploymentPodList = {
  kind: "PodList",
  apiVersion: "v1",
  metadata: { resourceVersion: "788809" },
  items: [
    {
      metadata: {
        name: "redis-8e5f0c-xyz89",
        namespace: "prod",
        labels: { app: "redis", "pod-template-hash": "8e5f0c" },
        ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "redis-8e5f0c", uid: "f830f9fd", controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        nodeName: "node-a",
        containers: [{ name: "redis", image: "redis:7.0" }],
        volumes: [
          { name: "redis-data", persistentVolumeClaim: { claimName: "redis-data" } },
          { name: "kube-api-access-abc", projected: { sources: [] } },
        ],
      },
      status: { phase: "Running", podIP: "10.0.1.7" },
    },
  ],
};
const replicaSet = { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: { name: "redis-8e5f0c", namespace: "prod", ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "redis", uid: "u1", controller: true }] }, spec: { replicas: 1 } };
const statefulSetPod = {
  metadata: { name: "redis-0", namespace: "prod", ownerReferences: [{ apiVersion: "apps/v1", kind: "StatefulSet", name: "redis", uid: "u2", controller: true }] },
  spec: { volumes: [{ name: "data", persistentVolumeClaim: { claimName: "data-redis-0" } }] },
  status: { phase: "Running", podIP: "10.0.1.8" },
};
const statefulSet = { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "redis", namespace: "prod" }, spec: { serviceName: "redis", volumeClaimTemplates: [{ metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"] } }] } };

describe("Kubernetes owner parsing", () => {
  it("finds a Deployment behind the pod's ReplicaSet and its static claim", () => {
    const pod = podListSchema.parse(deploymentPodList).items[0]!;
    expect(controllerOf(pod.metadata)).toMatchObject({ kind: "ReplicaSet", name: "redis-8e5f0c" });
    const owner = controllerOf(ownedObjectSchema.parse(replicaSet).metadata)!;
    expect(owner).toMatchObject({ kind: "Deployment", name: "redis" });
    const volumes = podVolumes(pod);
    expect(volumes).toEqual([
      { name: "redis-data", kind: "persistentVolumeClaim", claimName: "redis-data" },
      { name: "kube-api-access-abc", kind: "other" },
    ]);
    const verdict = ownerVerdict(owner, []);
    expect(verdict).toBe("deployment");
    expect(verdictMessage({ verdict, controller: owner, volumes })).toMatch(/Deployment\/redis.*static claim redis-data.*StatefulSet/);
  });

  it("finds a StatefulSet with volumeClaimTemplates", () => {
    const pod = podListSchema.parse({ items: [statefulSetPod] }).items[0]!;
    const owner = controllerOf(pod.metadata)!;
    const templates = statefulSetSchema.parse(statefulSet).spec.volumeClaimTemplates!.map((t) => t.metadata.name);
    expect(ownerVerdict(owner, templates)).toBe("statefulset-with-claims");
    expect(ownerVerdict(owner, [])).toBe("statefulset-without-claims");
    expect(ownerVerdict(null, [])).toBe("bare-pod");
    expect(ownerVerdict({ kind: "DaemonSet" }, [])).toBe("other");
  });

  it("rejects answers that are not the documented shape", () => {
    expect(podListSchema.safeParse({ kind: "Status", status: "Failure", message: "pods is forbidden", code: 403 }).success).toBe(false);
    expect(podListSchema.safeParse({ items: [{ metadata: {} }] }).success).toBe(false);
  });
});
