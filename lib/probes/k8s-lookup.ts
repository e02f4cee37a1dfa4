// The optional Kubernetes check of the restart-history probe: find the pod that has the instance's
// IP and walk up to its controller (a Deployment behind a ReplicaSet, or a StatefulSet and its
// volumeClaimTemplates). Configured by REDLINE_K8S_API_URL and a bearer token file (the pod's service
// account token by default); a private CA goes in NODE_EXTRA_CA_CERTS. Read-only GETs, zod-checked.
import "server-only";
import { readFile } from "node:fs/promises";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { z } from "zod";
import {
  controllerOf,
  ownedObjectSchema,
  ownerVerdict,
  podListSchema,
  podVolumes,
  statefulSetSchema,
  verdictMessage,
  type K8sOwnerReport,
} from "./k8s-owner";

const DEFAULT_TOKEN_FILE = "/var/run/secrets/kubernetes.io/serviceaccount/token";
const REQUEST_TIMEOUT_MS = 3_000;

export interface K8sEnv {
  apiUrl: string | undefined;
  tokenFile: string;
  /** Limits the pod search to one namespace (needs only namespaced list rights). */
  namespace: string | undefined;
}

export function readK8sEnv(env: NodeJS.ProcessEnv = process.env): K8sEnv {
  return {
    apiUrl: env.REDLINE_K8S_API_URL?.replace(/\/+$/, "") || undefined,
    tokenFile: env.REDLINE_K8S_TOKEN_FILE || DEFAULT_TOKEN_FILE,
    namespace: env.REDLINE_K8S_NAMESPACE || undefined,
  };
}

async function get<T>(env: K8sEnv, token: string, path: string, schema: z.ZodType<T>, signal: AbortSignal): Promise<T> {
  const res = await fetch(`${env.apiUrl}${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: "application/json" },
    signal: AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
  });
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status}`);
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success) throw new Error(`GET ${path}: unexpected shape (${parsed.error.issues[0]?.message ?? "invalid"})`);
  return parsed.data;
}

export async function lookupK8sOwner(host: string, signal: AbortSignal, env: K8sEnv = readK8sEnv()): Promise<K8sOwnerReport> {
  if (!env.apiUrl) return { status: "not-configured", message: "Not configured (set REDLINE_K8S_API_URL to look up the pod's controller)" };
  try {
    const token = (await readFile(env.tokenFile, "utf8")).trim();
    const ip = isIP(host) ? host : (await lookup(host)).address;
    const base = env.namespace ? `/api/v1/namespaces/${encodeURIComponent(env.namespace)}/pods` : "/api/v1/pods";
    const pods = await get(env, token, `${base}?fieldSelector=${encodeURIComponent(`status.podIP=${ip}`)}`, podListSchema, signal);
    const pod = pods.items[0];
    if (!pod) return { status: "not-found", message: `No pod has IP ${ip} (a Service IP, or Redis runs outside this cluster)` };
    const namespace = pod.metadata.namespace ?? env.namespace ?? "default";
    const ns = `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}`;
    let owner = controllerOf(pod.metadata) ?? null;
    let templates: string[] = [];
    if (owner?.kind === "ReplicaSet") {
      const rs = await get(env, token, `${ns}/replicasets/${encodeURIComponent(owner.name)}`, ownedObjectSchema, signal);
      owner = controllerOf(rs.metadata) ?? owner;
    }
    if (owner?.kind === "StatefulSet") {
      const sts = await get(env, token, `${ns}/statefulsets/${encodeURIComponent(owner.name)}`, statefulSetSchema, signal);
      templates = (sts.spec.volumeClaimTemplates ?? []).map((t) => t.metadata.name);
    }
    const report: K8sOwnerReport = {
      status: "found",
      message: "",
      pod: { name: pod.metadata.name, namespace, phase: pod.status?.phase ?? null, node: pod.spec?.nodeName ?? null },
      controller: owner ? { kind: owner.kind, name: owner.name } : null,
      volumes: podVolumes(pod),
      volumeClaimTemplates: templates,
      verdict: ownerVerdict(owner, templates),
    };
    return { ...report, message: verdictMessage(report) };
  } catch (err) {
    return { status: "error", message: `Kubernetes lookup failed: ${(err as Error).message}` };
  }
}
