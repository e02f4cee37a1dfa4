// Public surface of the pure Redis reply parsers.
export * from "./info";
export * from "./client-list";
export * from "./slowlog";
export * from "./cluster-nodes";
export * from "./latency";
export * from "./config-get";
export * from "./memory-stats";
