// OIDC identity → local user on both store backends (migration 0010_oidc_identity): created once
// with the mapped role, the role follows the claim, the name cannot collide with a local account,
// and two simultaneous first sign-ins of one person end as one user.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORE_BACKENDS, type OpenedStore } from "@/lib/testing/store-targets";
import { createUser, findUserByName } from "@/lib/store/users-repo";
import { findIdentity, linkIdentity } from "@/lib/store/identities-repo";
import { OIDC_NO_PASSWORD, userForIdentity, usernameCandidates } from "./local-user";

const ISSUER = "https://idp.example";
const identity = (subject: string, claims: Record<string, unknown> = {}) => ({ issuer: ISSUER, subject, claims });

describe("usernameCandidates", () => {
  it("prefixes oidc:, cleans the hint, and falls back to a subject hash", () => {
    const [plain, suffixed] = usernameCandidates(identity("s1", { preferred_username: "Jane Doe!" }));
    expect(plain).toBe("oidc:jane-doe");
    expect(suffixed).toMatch(/^oidc:jane-doe~[0-9a-f]{10}$/);
    expect(usernameCandidates(identity("s2", { email: "ops@example.com" }))[0]).toBe("oidc:ops@example.com");
    expect(usernameCandidates(identity("!!!"))).toEqual([expect.stringMatching(/^oidc:[0-9a-f]{10}$/)]);
    expect(usernameCandidates(identity("s3", { preferred_username: "x".repeat(200) }))[1].length).toBeLessThanOrEqual(64);
  });
});

describe.each(STORE_BACKENDS)("OIDC local users on %s", (_name, open) => {
  let store: OpenedStore;
  beforeAll(async () => {
    store = await open();
  });
  afterAll(async () => {
    await store?.cleanup();
  });

  it("creates the user on the first sign-in, then updates its role and keeps its id", async () => {
    const first = await userForIdentity(store.db, identity("sub-1", { preferred_username: "kim" }), "admin", 1000);
    expect(first).toMatchObject({ username: "oidc:kim", role: "admin", created: true });
    const stored = await findUserByName(store.db, "oidc:kim");
    expect(stored).toMatchObject({ role: "admin", passwordHash: OIDC_NO_PASSWORD });
    const second = await userForIdentity(store.db, identity("sub-1", { preferred_username: "renamed" }), "viewer", 2000);
    expect(second).toEqual({ id: first.id, username: "oidc:kim", role: "viewer", created: false, previousRole: "admin" });
    expect((await findUserByName(store.db, "oidc:kim"))?.role).toBe("viewer");
    expect(await findIdentity(store.db, ISSUER, "sub-1")).toMatchObject({ userId: first.id, createdAt: 1000, lastSignInAt: 2000 });
  });

  it("never signs in as a local account with the same name, nor as another identity", async () => {
    await createUser(store.db, { username: "admin", passwordHash: "x", role: "admin" });
    const u = await userForIdentity(store.db, identity("sub-admin", { preferred_username: "admin" }), "viewer");
    expect(u.username).toBe("oidc:admin");
    const other = await userForIdentity(store.db, identity("sub-other", { preferred_username: "kim" }), "viewer");
    expect(other.username).toMatch(/^oidc:kim~[0-9a-f]{10}$/);
    // The same subject at another issuer is another person.
    const elsewhere = await userForIdentity(store.db, { issuer: "https://other.example", subject: "sub-1", claims: { preferred_username: "kim" } }, "viewer");
    expect(elsewhere.created).toBe(true);
  });

  it("refuses a second link of one identity (primary key)", async () => {
    const u = await findUserByName(store.db, "admin");
    await expect(linkIdentity(store.db, { issuer: ISSUER, subject: "sub-1", userId: u!.id })).rejects.toThrow();
  });

  it("turns two simultaneous first sign-ins of one identity into one user", async () => {
    const results = await Promise.all([0, 1, 2].map(() => userForIdentity(store.db, identity("sub-race", { preferred_username: "race" }), "responder")));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    const rows = await store.db.selectFrom("users").select("username").where("username", "like", "oidc:race%").execute();
    expect(rows).toHaveLength(1);
  });
});
