import { describe, expect, it } from "vitest";
import { parseAclList, parseAclUser, ruleAllowing, usersAllowed } from "./acl-keys";

const KEYS_CATS = ["@keyspace", "@read", "@slow", "@dangerous"];

// Captured from redis-server 7.0.15 `ACL LIST` after the SETUSERs in the comments.
const LIST = [
  "user app on #30c952fab122c3f9759f02a6d95c3758b246b4fee239957b2d4fee46e26170c4 ~* resetchannels +@all -keys", // +@all -keys
  "user default on nopass ~* &* +@all",
  "user nodang on #30c952fab122c3f9759f02a6d95c3758b246b4fee239957b2d4fee46e26170c4 resetchannels +@all -@dangerous", // +@all -@dangerous
  "user ro on #30c952fab122c3f9759f02a6d95c3758b246b4fee239957b2d4fee46e26170c4 ~* resetchannels -@all +@read", // +@read
  "user sel on #30c952fab122c3f9759f02a6d95c3758b246b4fee239957b2d4fee46e26170c4 ~* resetchannels -@all +get (~x* resetchannels -@all +keys)",
  "user off-admin off nopass ~* +@all",
];

describe("parseAclUser", () => {
  it("splits root rules from selectors", () => {
    expect(parseAclUser(LIST[4]!)).toMatchObject({ name: "sel", enabled: true, selectors: [["~x*", "resetchannels", "-@all", "+keys"]] });
    expect(parseAclUser(LIST[5]!)!.enabled).toBe(false);
    expect(parseAclUser("not a user line")).toBeUndefined();
  });
});

describe("ruleAllowing", () => {
  it("applies rules left to right", () => {
    expect(ruleAllowing(["+@all", "-keys"], "keys", KEYS_CATS)).toEqual({ allowed: false, by: "-keys" });
    expect(ruleAllowing(["-keys", "+@all"], "keys", KEYS_CATS)).toEqual({ allowed: true, by: "+@all" });
    expect(ruleAllowing(["-@all", "+@keyspace"], "keys", KEYS_CATS)).toEqual({ allowed: true, by: "+@keyspace" });
    expect(ruleAllowing(["allcommands", "-@dangerous"], "keys", KEYS_CATS).allowed).toBe(false);
    expect(ruleAllowing(["nocommands", "+KEYS"], "keys", KEYS_CATS).allowed).toBe(true);
    expect(ruleAllowing(["+get", "+keys|x"], "keys", KEYS_CATS).allowed).toBe(false);
    expect(ruleAllowing([], "keys", KEYS_CATS)).toEqual({ allowed: false, by: null });
  });
});

describe("usersAllowed", () => {
  it("lists who may run KEYS, and through which rule", () => {
    expect(usersAllowed(parseAclList(LIST), "keys", KEYS_CATS)).toEqual([
      { user: "default", enabled: true, via: "+@all" },
      { user: "ro", enabled: true, via: "+@read" },
      { user: "sel", enabled: true, via: "(+keys)" },
      { user: "off-admin", enabled: false, via: "+@all" },
    ]);
  });
});
