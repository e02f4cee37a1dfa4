// The CSRF check: Origin (or Referer) must name this server, behind a TLS proxy too.
import { describe, expect, it } from "vitest";
import { isHttps, isSameOrigin, requestOrigin } from "./same-origin";

const h = (init: Record<string, string>) => new Headers(init);

describe("same-origin check", () => {
  it("accepts a matching Origin and refuses another", () => {
    expect(isSameOrigin(h({ origin: "http://redline.local:3000" }), "http://redline.local:3000")).toBe(true);
    expect(isSameOrigin(h({ origin: "http://evil.example" }), "http://redline.local:3000")).toBe(false);
    expect(isSameOrigin(h({ origin: "https://redline.local:3000" }), "http://redline.local:3000")).toBe(false);
  });
  it("falls back to Referer, and refuses when both are missing or Origin is null", () => {
    expect(isSameOrigin(h({ referer: "http://redline.local:3000/instances/new" }), "http://redline.local:3000")).toBe(true);
    expect(isSameOrigin(h({ referer: "http://evil.example/x" }), "http://redline.local:3000")).toBe(false);
    expect(isSameOrigin(h({}), "http://redline.local:3000")).toBe(false);
    expect(isSameOrigin(h({ origin: "null" }), "http://redline.local:3000")).toBe(false);
  });
  it("derives this server's origin from Host and X-Forwarded-Proto", () => {
    expect(requestOrigin(h({ host: "redline.local:3000" }), "http://127.0.0.1:3000/api/x")).toBe("http://redline.local:3000");
    expect(requestOrigin(h({ host: "redline.example", "x-forwarded-proto": "https" }), "http://10.0.0.1:3000/api/x")).toBe("https://redline.example");
    expect(isHttps(h({ "x-forwarded-proto": "https" }), "http://127.0.0.1/")).toBe(true);
    expect(isHttps(h({}), "http://127.0.0.1/")).toBe(false);
  });
});
