// The JSON export validates against the PUBLISHED schema file (the one the API serves), and that
// file is what the zod schema generates: neither can drift from the other.
import { describe, expect, it } from "vitest";
import Ajv2020 from "ajv/dist/2020";
import published from "./investigation-export.schema.json";
import { fixtureBundleInput } from "@/lib/testing/investigation-fixture";
import { assembleBundle } from "./assemble-bundle";
import { exportJsonSchema } from "./bundle-schema";
import { redact } from "./redact";

const validate = new Ajv2020({ allErrors: true, strict: false }).compile(published);

describe("JSON export schema", () => {
  it("is the file generated from the zod schema (npm run export-schema)", () => {
    expect(JSON.parse(JSON.stringify(exportJsonSchema()))).toEqual(published);
  });

  it("accepts the bundle, redacted or not, as JSON text", () => {
    const bundle = assembleBundle(fixtureBundleInput());
    const ok = validate(JSON.parse(JSON.stringify(bundle)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const red = redact(bundle).value;
    validate(JSON.parse(JSON.stringify({ ...red, redacted: true })));
    expect(validate.errors ?? []).toEqual([]);
  });

  it("carries results verbatim, every command, actions with audit records, and no secret", () => {
    const b = assembleBundle(fixtureBundleInput());
    expect(b.schemaVersion).toBe(1);
    expect(b.steps[0]!.result).toEqual(fixtureBundleInput().investigation.steps[0]!.result);
    expect(b.commands.map((c) => `${c.source}:${c.argv.join(" ")}`)).toEqual(["probe:SLOWLOG GET 64", "fix-verify:CLIENT LIST", "fix:CLIENT KILL ADDR 10.20.30.40:51515", "fix-verify:CLIENT LIST"]);
    expect(b.actions[0]!.audit).toHaveLength(1);
    expect(b.rootCauseEvidence.find((r) => r.chosen)).toMatchObject({ rootCauseId: "job-uses-keys", state: "confirmed", findings: [{ code: "slowlog.keys-command", recordId: 1 }] });
    expect(JSON.stringify(b.instance)).not.toMatch(/password"|username/);
    expect(b.postmortem.doc.actionItems.some((i) => i.type === "prevent")).toBe(true);
  });

  it("rejects a bundle of another version or with a missing part", () => {
    const b = JSON.parse(JSON.stringify(assembleBundle(fixtureBundleInput())));
    expect(validate({ ...b, schemaVersion: 2 })).toBe(false);
    const { timeline: _t, ...noTimeline } = b;
    expect(validate(noTimeline)).toBe(false);
  });
});
