// Opens the store: SQLite (WAL) in the data dir by default, PostgreSQL when DATABASE_URL says so.
// Migrations run on open; the same Kysely code serves both dialects.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import { Migrator } from "kysely/migration";
import type { Database } from "./schema";
import { migrationProvider } from "./migrations";

export type StoreTarget =
  | { kind: "sqlite"; file: string }
  | { kind: "postgres"; url: string; schema?: string };

export type Db = Kysely<Database>;

export function targetFromEnv(opts: { databaseUrl?: string; dataDir: string }): StoreTarget {
  if (opts.databaseUrl && /^postgres(ql)?:\/\//.test(opts.databaseUrl)) return { kind: "postgres", url: opts.databaseUrl };
  return { kind: "sqlite", file: path.join(opts.dataDir, "redline.db") };
}

async function dialectFor(target: StoreTarget) {
  if (target.kind === "sqlite") {
    const { default: SQLite } = await import("better-sqlite3");
    fs.mkdirSync(path.dirname(target.file), { recursive: true });
    const database = new SQLite(target.file);
    database.pragma("journal_mode = WAL");
    // FULL: a step the page shows as saved survives a power cut, not only a process kill.
    database.pragma("synchronous = FULL");
    database.pragma("busy_timeout = 5000");
    return new SqliteDialect({ database });
  }
  const pg = await import("pg");
  // int8 (bigint) columns hold epoch ms, well inside Number's safe range.
  pg.default.types.setTypeParser(20, (v: string) => Number(v));
  const pool = new pg.default.Pool({
    connectionString: target.url,
    max: 10,
    connectionTimeoutMillis: 5000,
    options: target.schema ? `-c search_path=${target.schema}` : undefined,
  });
  // An idle client losing its server (PostgreSQL restart) must not crash the process.
  pool.on("error", () => {});
  return new PostgresDialect({ pool });
}

export async function openDatabase(target: StoreTarget): Promise<Db> {
  const db = new Kysely<Database>({ dialect: await dialectFor(target) });
  // Kysely looks for its migration tables in every schema unless told which: with several schemas
  // in one database (parallel tests, or another app), it would find another schema's and skip its own.
  const migrator = new Migrator({ db, provider: migrationProvider, migrationTableSchema: target.kind === "postgres" ? target.schema : undefined });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    throw error instanceof Error ? error : new Error(String(error));
  }
  return db;
}
