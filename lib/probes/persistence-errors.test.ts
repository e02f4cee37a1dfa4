import { describe, expect, it } from "vitest";
import { parseInfo } from "@/lib/parse/info";
import { misconfErrorFindings } from "./persistence-errors";

describe("misconfErrorFindings", () => {
  it("is critical once any command was refused with MISCONF", () => {
    const info = parseInfo("# Errorstats\r\nerrorstat_MISCONF:count=12\r\nerrorstat_ERR:count=3\r\n");
    expect(misconfErrorFindings(info)).toMatchObject([{ code: "persistence.misconf-errors", severity: "critical", evidence: { count: 12 } }]);
  });

  it("says nothing without MISCONF errors or without errorstats (Redis < 6.2)", () => {
    expect(misconfErrorFindings(parseInfo("errorstat_ERR:count=3\r\n"))).toEqual([]);
    expect(misconfErrorFindings(parseInfo(""))).toEqual([]);
  });
});
