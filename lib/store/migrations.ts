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
