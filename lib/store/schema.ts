// Table types for Kysely. Times are epoch milliseconds; JSON columns are text; booleans are 0/1
// so that SQLite and PostgreSQL share one schema.
import type { Generated } from "kysely";

export interface InstancesTable {
  id: string;
  name: string;
  host: string;
  port: number;
  username: string | null;
  password_sealed: string | null;
  db: number;
  mode: string;
  sentinel_master: string | null;
  tls: string;
  tags: string;
  renamed_commands: string;
  allow_remediation: number;
  /** JSON: rule id → threshold. */
  rule_overrides: string;
  created_at: number;
  updated_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  instance_id: string | null;
  detail: string;
}

export interface MetricRollupsTable {
  instance_id: string;
  node: string;
  /** Series id, plus `|label=value` for per-replica series. */
  series: string;
  /** Epoch ms of the minute's start. */
  minute: number;
  min: number;
  avg: number;
  max: number;
  n: number;
}

export interface AlertsTable {
  id: string;
  instance_id: string;
  rule_id: string;
  node: string;
  severity: string;
  finding_code: string;
  playbook: string | null;
  state: string;
  value: number | null;
  threshold: number;
  message: string;
  started_at: number;
  fired_at: number | null;
  resolved_at: number | null;
  updated_at: number;
}

export interface MetricMarkersTable {
  id: Generated<number>;
  instance_id: string;
  node: string;
  t: number;
  kind: string;
  detail: string;
}

export interface InvestigationsTable {
  id: string;
  instance_id: string;
  playbook_id: string;
  /** open | mitigated | resolved */
  status: string;
  root_cause_id: string | null;
  title: string;
  created_at: number;
  updated_at: number;
  created_by: Generated<string>;
}

/** Append-only: a probe run (probe_id, params, result) or a note, never updated nor deleted. */
export interface InvestigationStepsTable {
  id: Generated<number>;
  investigation_id: string;
  /** Playbook step id; null for a note on the whole investigation. */
  step_id: string | null;
  probe_id: string | null;
  /** JSON text. */
  params: string | null;
  /** JSON text: the ProbeResult verbatim. */
  result: string | null;
  note: string | null;
  who: string;
  at: number;
}

export interface UsersTable {
  id: string;
  username: string;
  /** argon2id PHC string. */
  password_hash: string;
  /** viewer | responder | admin */
  role: string;
  failed_count: Generated<number>;
  /** Start of the current failure window (epoch ms). */
  failed_since: number | null;
  locked_until: number | null;
  created_at: number;
}

/** A single sign-on identity (issuer + subject) and the local user it signs in as. */
export interface UserIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: number;
  last_sign_in_at: number;
}

export interface SessionsTable {
  /** sha256 hex of the cookie value; the value itself is never stored. */
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
  /** Single sign-on only: the provider's ID token, sealed, sent back as id_token_hint at sign-out. */
  oidc_id_token: string | null;
}

export interface ApiTokensTable {
  id: string;
  name: string;
  role: string;
  /** sha256 hex of the whole `rl_…` token. */
  token_hash: string;
  /** The first characters of the token, so that a list can tell tokens apart. */
  prefix: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
}

/** One postmortem document per investigation (JSON text), with a version for lost-update checks. */
export interface PostmortemsTable {
  investigation_id: string;
  doc: string;
  version: number;
  updated_at: number;
  updated_by: string;
}

/**
 * A hand-made timeline entry (manual 1, key `manual:<uuid>`), or the edit/star of a generated one
 * (manual 0, key of the generated entry; null text/at keep the generated value).
 */
export interface TimelineEntriesTable {
  investigation_id: string;
  entry_key: string;
  manual: number;
  starred: number;
  text: string | null;
  at: number | null;
  who: string;
  updated_at: number;
}

/** Append-only: status and root-cause changes of an investigation. */
export interface InvestigationEventsTable {
  id: Generated<number>;
  investigation_id: string;
  at: number;
  /** status | root-cause */
  kind: string;
  from_value: string | null;
  to_value: string | null;
  who: string;
}

export interface Database {
  instances: InstancesTable;
  audit_log: AuditLogTable;
  metric_rollups: MetricRollupsTable;
  alerts: AlertsTable;
  metric_markers: MetricMarkersTable;
  investigations: InvestigationsTable;
  investigation_steps: InvestigationStepsTable;
  users: UsersTable;
  user_identities: UserIdentitiesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  postmortems: PostmortemsTable;
  timeline_entries: TimelineEntriesTable;
  investigation_events: InvestigationEventsTable;
}
