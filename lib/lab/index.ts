// Public surface of the lab: real redis-server processes for integration tests and the demo.
import "server-only";

export { startRedis, onRedisStarted, type RedisProcess, type StartRedisOptions } from "./redis-process";
export {
  startStandalone,
  startReplicaPair,
  startCluster,
  type Topology,
  type AclUser,
  type StandaloneOptions,
  type ReplicaPairOptions,
  type ClusterOptions,
} from "./topologies";
export { stopAll, trackedPids } from "./registry";
export { findFreePort, findFreePorts, releasePort, CLUSTER_BUS_OFFSET, type FreePortOptions } from "./ports";
export { createLabClient, withLabClient, labCommand, type LabEndpoint, type LabClientOptions } from "./lab-client";
export { waitUntil, sleep, type WaitOptions } from "./wait-until";
