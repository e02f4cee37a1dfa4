// Test helper: an InstanceConnectionConfig for a lab node, as the registry would load it.
import { randomUUID } from "node:crypto";
import type { InstanceConnectionConfig } from "@/lib/store/instances-repo";

export function labConfig(node: { host: string; port: number; password?: string }, extra: Partial<InstanceConnectionConfig> = {}): InstanceConnectionConfig {
  return {
    id: randomUUID(),
    name: `lab-${node.port}`,
    host: node.host,
    port: node.port,
    password: node.password,
    db: 0,
    tls: { enabled: false, skipVerify: false },
    mode: "standalone",
    renamedCommands: {},
    allowRemediation: false,
    ...extra,
  };
}
