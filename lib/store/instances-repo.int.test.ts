import { afterEach, beforeEach, describe, expect, it } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { STORE_BACKENDS, type OpenedStore } from "@/lib/testing/store-targets";
import { instanceInputSchema } from "@/lib/api/schemas/instance";
import {
  createInstance,
  deleteInstance,
  DuplicateNameError,
  getInstance,
  listInstances,
  loadConnectionConfig,
  updateInstance,
} from "./instances-repo";

const key = randomBytes(32);
const SECRET = "pw-Zq8!never-in-db";

describe.each(STORE_BACKENDS)("instances repository on %s", (backend, openStore) => {
  let store: OpenedStore;
  beforeEach(async () => {
    store = await openStore();
  });
  afterEach(async () => {
    await store.cleanup();
  });

  const input = () =>
    instanceInputSchema.parse({
      name: "cache-eu-1",
      host: "10.0.0.5",
      port: 6380,
      password: SECRET,
      tags: { environment: "prod", team: "payments" },
      renamedCommands: { CONFIG: "CONFIG-ADMIN" },
    });

  it("creates, reads, lists, updates and deletes", async () => {
    const created = await createInstance(store.db, key, input());
    expect(created).toMatchObject({ name: "cache-eu-1", port: 6380, hasPassword: true, allowRemediation: false });
    expect(JSON.stringify(created)).not.toContain(SECRET);

    expect(await getInstance(store.db, created.id)).toEqual(created);
    expect((await listInstances(store.db)).map((i) => i.id)).toEqual([created.id]);

    const cfg = await loadConnectionConfig(store.db, key, created.id);
    expect(cfg?.password).toBe(SECRET);
    expect(cfg?.renamedCommands).toEqual({ CONFIG: "CONFIG-ADMIN" });

    const updated = await updateInstance(store.db, key, created.id, { port: 6381, password: null, tags: { team: "core" } });
    expect(updated).toMatchObject({ port: 6381, hasPassword: false, tags: { team: "core" } });
    expect(Date.parse(updated!.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));

    expect(await deleteInstance(store.db, created.id)).toBe(true);
    expect(await getInstance(store.db, created.id)).toBeUndefined();
    expect(await deleteInstance(store.db, created.id)).toBe(false);
  });

  it("refuses a duplicate name", async () => {
    await createInstance(store.db, key, input());
    await expect(createInstance(store.db, key, input())).rejects.toBeInstanceOf(DuplicateNameError);
  });

  it("stores no plaintext password", async () => {
    const created = await createInstance(store.db, key, input());
    const row = await sql<{ password_sealed: string }>`select password_sealed from instances where id = ${created.id}`.execute(store.db);
    expect(row.rows[0].password_sealed).toMatch(/^v1:/);
    expect(row.rows[0].password_sealed).not.toContain(SECRET);
    if (backend === "sqlite") {
      // The whole database file, WAL included, must not hold the plaintext anywhere.
      const files = fs.readdirSync(store.dir!).map((f) => path.join(store.dir!, f));
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) expect(fs.readFileSync(f).includes(Buffer.from(SECRET))).toBe(false);
    }
  });
});
