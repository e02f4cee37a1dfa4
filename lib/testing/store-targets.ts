// Test helper: a fresh SQLite file and a fresh PostgreSQL schema, so store tests run on both backends.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Db } from "@/lib/store/database";

export const POSTGRES_URL = process.env.REDLINE_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface OpenedStore {
  db: Db;
  /** SQLite only: the folder holding the database and its WAL, for tests that read the raw bytes. */
  dir?: string;
  cleanup(): Promise<void>;
}

export async function openSqliteStore(): Promise<OpenedStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "redline-store-"));
  const db = await openDatabase({ kind: "sqlite", file: path.join(dir, "redline.db") });
  return {
    db,
    dir,
    async cleanup() {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function openPostgresStore(): Promise<OpenedStore> {
  const schema = `redline_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const dropSchema = async () => {
    const c = new pg.Client({ connectionString: POSTGRES_URL });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`);
    await c.end();
  };
  // A failed open (a migration error) must not leave its schema behind for the next run.
  const db = await openDatabase({ kind: "postgres", url: POSTGRES_URL, schema }).catch(async (err) => {
    await dropSchema();
    throw err;
  });
  return {
    db,
    async cleanup() {
      await db.destroy();
      await dropSchema();
    },
  };
}

export const STORE_BACKENDS = [
  ["sqlite", openSqliteStore],
  ["postgres", openPostgresStore],
] as const;
