// Which credentials a request carries: Bearer first, then the session cookie.
import { describe, expect, it } from "vitest";
import { credentialsOf } from "./resolve-caller";

describe("credentialsOf", () => {
  it("prefers Bearer over the cookie", () => {
    expect(credentialsOf(new Headers({ authorization: "Bearer rl_x", cookie: "redline_session=s" }))).toEqual({ kind: "bearer", token: "rl_x" });
    expect(credentialsOf(new Headers({ cookie: "redline_session=s" }))).toEqual({ kind: "cookie", token: "s" });
    expect(credentialsOf(new Headers({ authorization: "Basic Zm9v" }))).toEqual({ kind: "none" });
    expect(credentialsOf(new Headers())).toEqual({ kind: "none" });
  });
});
