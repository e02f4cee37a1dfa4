import { describe, expect, it } from "vitest";
import { isStoreUnavailable } from "./store-errors";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isStoreUnavailable", () => {
  it.each([
    // As pg 8 and PostgreSQL 15 report a server that stopped or is restarting.
    [withCode("connect ECONNREFUSED 127.0.0.1:5999", "ECONNREFUSED")],
    [new Error("Connection terminated unexpectedly")],
    [new Error("timeout exceeded when trying to connect")],
    [withCode("terminating connection due to administrator command", "57P01")],
    [withCode("the database system is starting up", "57P03")],
    [withCode("the database system is shutting down", "57P03")],
    [withCode("sorry, too many clients already", "53300")],
    [withCode("database is locked", "SQLITE_BUSY")],
    [withCode("disk I/O error", "SQLITE_IOERR_WRITE")],
    [withCode("database or disk is full", "SQLITE_FULL")],
    [new AggregateError([withCode("connect ECONNREFUSED ::1:5999", "ECONNREFUSED")], "")],
    [new Error("query failed", { cause: withCode("connect ECONNREFUSED", "ECONNREFUSED") })],
  ])("%s → unavailable", (err) => {
    expect(isStoreUnavailable(err)).toBe(true);
  });

  it.each([
    [withCode('duplicate key value violates unique constraint "instances_name_key"', "23505")],
    [withCode('relation "nope" does not exist', "42P01")],
    [withCode("UNIQUE constraint failed: instances.name", "SQLITE_CONSTRAINT_UNIQUE")],
    [new TypeError("Cannot read properties of undefined")],
    [undefined],
    ["a string"],
  ])("%s → a bug or a bad query, not an outage", (err) => {
    expect(isStoreUnavailable(err)).toBe(false);
  });
});
