import { describe, expect, it } from "vitest";
import { classifyMessage, toRedisFailure } from "./classify";

// Messages as redis-server 7.0, ioredis 6 and Node 20 produce them.
const cases: Array<[string, string]> = [
  ["BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.", "redis_busy_script"],
  ["UNKILLABLE Sorry the script already executed write commands against the dataset.", "redis_busy_script"],
  ["ERR max number of clients reached", "redis_max_clients"],
  ["LOADING Redis is loading the dataset in memory", "redis_loading"],
  ["MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk.", "redis_misconf"],
  ["WRONGPASS invalid username-password pair or user is disabled.", "redis_auth_failed"],
  ["NOAUTH Authentication required.", "redis_auth_failed"],
  ["ERR AUTH <password> called without any password configured for the default user.", "redis_auth_failed"],
  ["ERR unknown command 'CONFIG', with args beginning with: 'GET' 'maxclients' ", "redis_command_disabled"],
  ["NOPERM this user has no permissions to run the 'config|get' command", "redis_command_disabled"],
  ["Command timed out", "redis_timeout"],
  ["connect ECONNREFUSED 127.0.0.1:1", "redis_unreachable"],
  ["getaddrinfo ENOTFOUND no-such-host.invalid", "redis_unreachable"],
  ["Connection is closed.", "redis_unreachable"],
  // A command in flight when the server was killed (ioredis with maxRetriesPerRequest: 0).
  ['Reached the max retries per request limit (which is 0). Refer to "maxRetriesPerRequest" option for details.', "redis_unreachable"],
  ["Client network socket disconnected before secure TLS connection was established", "redis_tls_error"],
  ["140352:error:0A00010B:SSL routines:ssl3_get_record:wrong version number", "redis_tls_error"],
  ["self-signed certificate in certificate chain", "redis_tls_error"],
  ["ERR syntax error", "redis_error"],
];

describe("classifyMessage", () => {
  it.each(cases)("%s → %s", (message, code) => {
    expect(classifyMessage(message)).toBe(code);
  });

  it("reads Node's error code when the message omits it", () => {
    const err = Object.assign(new Error("connect failed"), { code: "ECONNREFUSED" });
    expect(toRedisFailure(err).code).toBe("redis_unreachable");
  });

  it("never throws on odd input", () => {
    expect(toRedisFailure(undefined).code).toBe("redis_error");
    expect(toRedisFailure({ weird: true }).code).toBe("redis_error");
  });
});
