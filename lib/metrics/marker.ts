// Events drawn on charts as vertical markers: a restart (run_id changed), a role change, a failover
// (a replica promoted). Pure type, shared with the client.

export const MARKER_KINDS = ["restart", "role-change", "failover"] as const;
export type MarkerKind = (typeof MARKER_KINDS)[number];

export interface Marker {
  t: number;
  kind: MarkerKind;
  /** Node address the event happened on. */
  node: string;
  detail: string;
}
