// Pure part of the optional Kubernetes check (incident 10): validate the API's answers with zod and
// tell what owns the Redis pod. A StatefulSet with volumeClaimTemplates gives each pod its own
// volume across restarts; a Deployment with a static claim or an emptyDir is how the data was lost.
// Shapes follow the Kubernetes API reference (core/v1 Pod, apps/v1 ReplicaSet, StatefulSet).
import { z } from "zod";

const ownerReference = z.object({ apiVersion: z.string(), kind: z.string(), name: z.string(), controller: z.boolean().optional() });
const objectMeta = z.object({ name: z.string(), namespace: z.string().optional(), ownerReferences: z.array(ownerReference).optional() });

const volume = z.object({
  name: z.string(),
  persistentVolumeClaim: z.object({ claimName: z.string() }).optional(),
  emptyDir: z.object({}).passthrough().optional(),
  hostPath: z.object({ path: z.string() }).passthrough().optional(),
});

export const podSchema = z.object({
  metadata: objectMeta,
  spec: z.object({ volumes: z.array(volume).optional(), nodeName: z.string().optional() }).optional(),
  status: z.object({ phase: z.string().optional(), podIP: z.string().optional() }).optional(),
});
export const podListSchema = z.object({ items: z.array(podSchema) });
export const ownedObjectSchema = z.object({ metadata: objectMeta });
export const statefulSetSchema = z.object({
  metadata: objectMeta,
  spec: z.object({ volumeClaimTemplates: z.array(z.object({ metadata: z.object({ name: z.string() }) })).optional() }),
});

export type Pod = z.infer<typeof podSchema>;
export type OwnerReference = z.infer<typeof ownerReference>;

export interface PodVolume {
  name: string;
  kind: "persistentVolumeClaim" | "emptyDir" | "hostPath" | "other";
  claimName?: string;
}

export interface K8sOwnerReport {
  status: "not-configured" | "found" | "not-found" | "error";
  message: string;
  pod?: { name: string; namespace: string; phase: string | null; node: string | null };
  /** The top controller: a Deployment behind its ReplicaSet, a StatefulSet, a DaemonSet… */
  controller?: { kind: string; name: string } | null;
  volumes?: PodVolume[];
  /** StatefulSet only: the claims each pod gets its own copy of. */
  volumeClaimTemplates?: string[];
  verdict?: "statefulset-with-claims" | "statefulset-without-claims" | "deployment" | "bare-pod" | "other";
}

export function controllerOf(meta: { ownerReferences?: OwnerReference[] }): OwnerReference | undefined {
  return meta.ownerReferences?.find((o) => o.controller) ?? meta.ownerReferences?.[0];
}

export function podVolumes(pod: Pod): PodVolume[] {
  return (pod.spec?.volumes ?? []).map((v) => {
    if (v.persistentVolumeClaim) return { name: v.name, kind: "persistentVolumeClaim", claimName: v.persistentVolumeClaim.claimName };
    if (v.emptyDir) return { name: v.name, kind: "emptyDir" };
    if (v.hostPath) return { name: v.name, kind: "hostPath" };
    return { name: v.name, kind: "other" };
  });
}

export function ownerVerdict(controller: { kind: string } | null, claimTemplates: string[]): NonNullable<K8sOwnerReport["verdict"]> {
  if (!controller) return "bare-pod";
  if (controller.kind === "StatefulSet") return claimTemplates.length > 0 ? "statefulset-with-claims" : "statefulset-without-claims";
  if (controller.kind === "Deployment" || controller.kind === "ReplicaSet") return "deployment";
  return "other";
}

export function verdictMessage(report: Pick<K8sOwnerReport, "verdict" | "controller" | "volumes">): string {
  const name = report.controller ? `${report.controller.kind}/${report.controller.name}` : "no controller";
  const claims = (report.volumes ?? []).filter((v) => v.kind === "persistentVolumeClaim").map((v) => v.claimName);
  switch (report.verdict) {
    case "statefulset-with-claims":
      return `${name} with volumeClaimTemplates: each pod keeps its own volume across restarts`;
    case "statefulset-without-claims":
      return `${name} without volumeClaimTemplates: its pods keep no data of their own across a reschedule`;
    case "deployment":
      return `${name}: a rollout starts a new pod next to the old one; ${claims.length ? `the static claim ${claims.join(", ")} is shared (ReadWriteOnce)` : "there is no persistent claim"} — incident 10: use a StatefulSet with volumeClaimTemplates`;
    case "bare-pod":
      return "A bare pod: nothing recreates it, and its data lives only as long as its volumes";
    default:
      return `${name} owns the pod`;
  }
}
