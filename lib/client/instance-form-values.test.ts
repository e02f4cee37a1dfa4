// Unit tests for the instance form's conversion to API input/patch and its client-side validation.
import { describe, expect, it } from "vitest";
import type { InstancePublic } from "@/lib/api/schemas/instance";
import { emptyValues, newRow, rowError, toInput, toPatch, validate, valuesFromInstance, type InstanceFormValues } from "./instance-form-values";

function form(patch: Partial<InstanceFormValues> = {}): InstanceFormValues {
  return { ...emptyValues(), name: "cache-prod", host: "10.0.0.5", ...patch };
}

describe("toInput", () => {
  it("drops unused suggested tags and empty optional fields", () => {
    const input = toInput(form());
    expect(input).toMatchObject({ name: "cache-prod", host: "10.0.0.5", port: 6379, db: 0, mode: "standalone", tags: {}, renamedCommands: {} });
    expect(input.username).toBeUndefined();
    expect(input.password).toBeUndefined();
    expect(input.tls).toEqual({ enabled: false, ca: undefined, servername: undefined, skipVerify: false });
  });
  it("keeps filled tags and renamed commands, empty rename meaning disabled", () => {
    const v = form({ tags: [newRow("environment", "prod"), newRow("team")], renamed: [newRow("CONFIG", "CONFIG-ADMIN"), newRow("KEYS", "")] });
    expect(toInput(v).tags).toEqual({ environment: "prod" });
    expect(toInput(v).renamedCommands).toEqual({ CONFIG: "CONFIG-ADMIN", KEYS: "" });
  });
  it("keeps TLS settings only when TLS is on", () => {
    expect(toInput(form({ tlsEnabled: false, tlsSkipVerify: true, tlsCa: "x" })).tls).toMatchObject({ skipVerify: false, ca: undefined });
    expect(toInput(form({ tlsEnabled: true, tlsServername: " redis.internal " })).tls).toMatchObject({ enabled: true, servername: "redis.internal" });
  });
});

describe("validate", () => {
  it("accepts a minimal form", () => {
    expect(validate(form())).toEqual({});
  });
  it("names each invalid field with the schema's message", () => {
    const errors = validate(form({ name: " ", host: "not a host!", port: "70000" }));
    expect(errors.name).toBe("Name is required");
    expect(errors.host).toBe("Host must be a hostname or an IP address");
    expect(errors.port).toBe("Port must be 1–65535");
  });
  it("rejects a non-numeric port", () => {
    expect(validate(form({ port: "63a" })).port).toBe("Port must be 1–65535");
  });
  it("needs a master name in sentinel mode", () => {
    expect(validate(form({ mode: "sentinel" })).sentinelMaster).toBe("Sentinel mode needs the master name");
  });
  it("reports tag problems on their row", () => {
    const bad = newRow("Env", "prod");
    const nameless = newRow("", "x");
    const dupA = newRow("team", "a");
    const dupB = newRow("team", "b");
    const errors = validate(form({ tags: [bad, nameless, dupA, dupB] }));
    expect(rowError(errors, "tags", bad)).toBe("Tag names are lowercase letters, digits, - and _");
    expect(rowError(errors, "tags", nameless)).toBe("Tag name is required");
    expect(rowError(errors, "tags", dupB)).toBe('Tag name "team" appears twice');
  });
});

describe("edit form", () => {
  const stored: InstancePublic = {
    id: "1", name: "cache", host: "h", port: 6380, username: "app", hasPassword: true, db: 2,
    tls: { enabled: true, hasCa: true, servername: "sni", skipVerify: false }, mode: "standalone", sentinelMaster: null,
    tags: { environment: "prod" }, renamedCommands: { CONFIG: "CFG" }, allowRemediation: true, createdAt: "", updatedAt: "",
  };
  it("loads the stored settings, never a secret, and still offers the team tag", () => {
    const v = valuesFromInstance(stored);
    expect(v).toMatchObject({ name: "cache", port: "6380", username: "app", password: "", db: "2", tlsEnabled: true, tlsServername: "sni", allowRemediation: true });
    expect(v.tags.map((r) => [r.key, r.value])).toEqual([["environment", "prod"], ["team", ""]]);
  });
  it("keeps the password when left empty, clears it on request, and clears an emptied username", () => {
    const v = valuesFromInstance(stored);
    expect(toPatch(v).password).toBeUndefined();
    expect(toPatch({ ...v, clearPassword: true }).password).toBeNull();
    expect(toPatch({ ...v, password: "s3cret" }).password).toBe("s3cret");
    expect(toPatch({ ...v, username: "" }).username).toBeNull();
  });
});
