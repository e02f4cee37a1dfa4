// Schema migrations, in code so that the Next.js bundle and the CLI scripts carry the same list.
// Append only: never edit a migration that has shipped.
import { sql, type Kysely } from "kysely";
import type { Migration, MigrationProvider } from "kysely/migration";

// `bigint` holds epoch milliseconds on PostgreSQL; SQLite treats it as INTEGER.
const migrations: Record<string, Migration> = {
  "0001_instances": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("instances")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("host", "text", (c) => c.notNull())
        .addColumn("port", "integer", (c) => c.notNull())
        .addColumn("username", "text")
        .addColumn("password_sealed", "text")
        .addColumn("db", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("mode", "text", (c) => c.notNull())
        .addColumn("sentinel_master", "text")
        .addColumn("tls", "text", (c) => c.notNull())
        .addColumn("tags", "text", (c) => c.notNull())
        .addColumn("renamed_commands", "text", (c) => c.notNull())
        .addColumn("allow_remediation", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("instances_name_unique").unique().on("instances").column("name").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("instances").execute();
    },
  },
  "0002_audit_log": {
    async up(db: Kysely<unknown>) {
      const isPg = await isPostgres(db);
      await db.schema
        .createTable("audit_log")
        .addColumn("id", isPg ? "bigserial" : "integer", (c) => (isPg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn("at", "bigint", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("instance_id", "text")
        .addColumn("detail", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("audit_log").execute();
    },
  },
  // Sampler rollups: min/avg/max of each series per node per minute, kept for the retention period.
  "0003_metric_rollups": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("metric_rollups")
        .addColumn("instance_id", "text", (c) => c.notNull())
        .addColumn("node", "text", (c) => c.notNull())
        .addColumn("series", "text", (c) => c.notNull())
        .addColumn("minute", "bigint", (c) => c.notNull())
        .addColumn("min", "double precision", (c) => c.notNull())
        .addColumn("avg", "double precision", (c) => c.notNull())
        .addColumn("max", "double precision", (c) => c.notNull())
        .addColumn("n", "integer", (c) => c.notNull())
        .execute();
      // Serves "this instance, these series, since then" and makes a repeated flush a no-op.
      await db.schema.createIndex("metric_rollups_key").unique().on("metric_rollups").columns(["instance_id", "series", "minute", "node"]).execute();
      await db.schema.createIndex("metric_rollups_minute").on("metric_rollups").column("minute").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("metric_rollups").execute();
    },
  },
  // Live alerts with their history: one row per alert, from pending to resolved.
  "0004_alerts": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("alerts")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("instance_id", "text", (c) => c.notNull())
        .addColumn("rule_id", "text", (c) => c.notNull())
        .addColumn("node", "text", (c) => c.notNull())
        .addColumn("severity", "text", (c) => c.notNull())
        .addColumn("finding_code", "text", (c) => c.notNull())
        .addColumn("playbook", "text")
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("value", "double precision")
        .addColumn("threshold", "double precision", (c) => c.notNull())
        .addColumn("message", "text", (c) => c.notNull())
        .addColumn("started_at", "bigint", (c) => c.notNull())
        .addColumn("fired_at", "bigint")
        .addColumn("resolved_at", "bigint")
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      // At most one open alert per rule and node, even with two samplers on one PostgreSQL.
      await db.schema
        .createIndex("alerts_open_unique")
        .unique()
        .on("alerts")
        .columns(["instance_id", "rule_id", "node"])
        .where(sql.ref("state"), "in", [sql.lit("pending"), sql.lit("firing")])
        .execute();
      await db.schema.createIndex("alerts_instance_started").on("alerts").columns(["instance_id", "started_at"]).execute();
      await db.schema.createIndex("alerts_state").on("alerts").column("state").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("alerts").execute();
    },
  },
  // Chart markers: restarts, role changes, failovers.
  "0005_metric_markers": {
    async up(db: Kysely<unknown>) {
      const isPg = await isPostgres(db);
      await db.schema
        .createTable("metric_markers")
        .addColumn("id", isPg ? "bigserial" : "integer", (c) => (isPg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn("instance_id", "text", (c) => c.notNull())
        .addColumn("node", "text", (c) => c.notNull())
        .addColumn("t", "bigint", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("detail", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("metric_markers_instance_t").on("metric_markers").columns(["instance_id", "t"]).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("metric_markers").execute();
    },
  },
  // Per-instance rule thresholds: JSON object rule id → threshold.
  "0006_instance_rule_overrides": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("instances").addColumn("rule_overrides", "text", (c) => c.notNull().defaultTo("{}")).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("instances").dropColumn("rule_overrides").execute();
    },
  },
  // Investigations: one row per incident worked through a playbook, and its append-only step records
  // (probe results verbatim, notes), each written in one transaction with the investigation's updated_at.
  "0007_investigations": {
    async up(db: Kysely<unknown>) {
      const isPg = await isPostgres(db);
      await db.schema
        .createTable("investigations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("instance_id", "text", (c) => c.notNull())
        .addColumn("playbook_id", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("root_cause_id", "text")
        .addColumn("title", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull().defaultTo("local"))
        .execute();
      await db.schema.createIndex("investigations_instance_updated").on("investigations").columns(["instance_id", "updated_at"]).execute();
      await db.schema.createIndex("investigations_status").on("investigations").column("status").execute();
      await db.schema
        .createTable("investigation_steps")
        .addColumn("id", isPg ? "bigserial" : "integer", (c) => (isPg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn("investigation_id", "text", (c) => c.notNull().references("investigations.id").onDelete("cascade"))
        .addColumn("step_id", "text")
        .addColumn("probe_id", "text")
        .addColumn("params", "text")
        .addColumn("result", "text")
        .addColumn("note", "text")
        .addColumn("who", "text", (c) => c.notNull())
        .addColumn("at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("investigation_steps_investigation_at").on("investigation_steps").columns(["investigation_id", "at", "id"]).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("investigation_steps").execute();
      await db.schema.dropTable("investigations").execute();
    },
  },
  // Accounts, sessions and API tokens. Session and API tokens are stored as sha256 hashes only: a
  // copy of the database must not let anyone sign in. The lockout counters live with the user so
  // that several replicas behind a load balancer agree on them.
  "0008_auth": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("users")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("username", "text", (c) => c.notNull())
        .addColumn("password_hash", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("failed_count", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("failed_since", "bigint")
        .addColumn("locked_until", "bigint")
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("users_username_unique").unique().on("users").column("username").execute();
      await db.schema
        .createTable("sessions")
        .addColumn("token_hash", "text", (c) => c.primaryKey())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();
      await db.schema
        .createTable("api_tokens")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("role", "text", (c) => c.notNull())
        .addColumn("token_hash", "text", (c) => c.notNull())
        .addColumn("prefix", "text", (c) => c.notNull())
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("expires_at", "bigint", (c) => c.notNull())
        .addColumn("revoked_at", "bigint")
        .addColumn("last_used_at", "bigint")
        .execute();
      await db.schema.createIndex("api_tokens_hash_unique").unique().on("api_tokens").column("token_hash").execute();
      await db.schema.createIndex("audit_log_action_at").on("audit_log").columns(["action", "at"]).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex("audit_log_action_at").execute();
      await db.schema.dropTable("api_tokens").execute();
      await db.schema.dropTable("sessions").execute();
      await db.schema.dropTable("users").execute();
    },
  },
  // Postmortems: the document of each investigation (one JSON row, saved as the author types), the
  // timeline's hand-made entries and its edits/stars of generated entries (keyed by a stable entry
  // key), and the status / root-cause changes, which were not recorded before.
  "0009_postmortem": {
    async up(db: Kysely<unknown>) {
      const isPg = await isPostgres(db);
      await db.schema
        .createTable("postmortems")
        .addColumn("investigation_id", "text", (c) => c.primaryKey().references("investigations.id").onDelete("cascade"))
        .addColumn("doc", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addColumn("updated_by", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("timeline_entries")
        .addColumn("investigation_id", "text", (c) => c.notNull().references("investigations.id").onDelete("cascade"))
        .addColumn("entry_key", "text", (c) => c.notNull())
        .addColumn("manual", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("starred", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("text", "text")
        .addColumn("at", "bigint")
        .addColumn("who", "text", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("timeline_entries_pk", ["investigation_id", "entry_key"])
        .execute();
      await db.schema
        .createTable("investigation_events")
        .addColumn("id", isPg ? "bigserial" : "integer", (c) => (isPg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn("investigation_id", "text", (c) => c.notNull().references("investigations.id").onDelete("cascade"))
        .addColumn("at", "bigint", (c) => c.notNull())
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("from_value", "text")
        .addColumn("to_value", "text")
        .addColumn("who", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("investigation_events_investigation_at").on("investigation_events").columns(["investigation_id", "at"]).execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("investigation_events").execute();
      await db.schema.dropTable("timeline_entries").execute();
      await db.schema.dropTable("postmortems").execute();
    },
  },
  // Single sign-on: which local user an identity provider's subject is. Keyed by (issuer, subject),
  // the only stable pair OIDC promises (a username or e-mail can be reused by someone else).
  "0010_oidc_identity": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("user_identities")
        .addColumn("issuer", "text", (c) => c.notNull())
        .addColumn("subject", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("last_sign_in_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("user_identities_pk", ["issuer", "subject"])
        .execute();
      await db.schema.createIndex("user_identities_user").on("user_identities").column("user_id").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable("user_identities").execute();
    },
  },
  // A single sign-on session keeps its ID token (sealed) as the hint for the provider's logout.
  "0011_session_id_token": {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable("sessions").addColumn("oidc_id_token", "text").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("sessions").dropColumn("oidc_id_token").execute();
    },
  },
};

async function isPostgres(db: Kysely<unknown>): Promise<boolean> {
  try {
    await sql`select version()`.execute(db);
    return true;
  } catch {
    return false;
  }
}

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
