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

export interface Database {
  instances: InstancesTable;
  audit_log: AuditLogTable;
}
