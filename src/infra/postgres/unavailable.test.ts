import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./unavailable.js";

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe("isDatabaseUnavailable", () => {
  it.each([
    ["refused", withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")],
    ["reset", withCode("read ECONNRESET", "ECONNRESET")],
    ["pool wait", new Error("timeout exceeded when trying to connect")],
    ["connect timeout", new Error("Connection terminated due to connection timeout")],
    ["dropped", new Error("Connection terminated unexpectedly")],
    ["hung query", new Error("Query read timeout")],
    ["admin shutdown", withCode("terminating connection due to administrator command", "57P01")],
    ["starting up", withCode("the database system is starting up", "57P03")],
    ["statement_timeout", withCode("canceling statement due to statement timeout", "57014")],
    ["connection exception", withCode("connection failure", "08006")],
    ["wrapped by a library", new Error("checkpoint write failed", { cause: withCode("x", "ECONNREFUSED") })],
    ["aggregate", new AggregateError([withCode("a", "ECONNREFUSED"), withCode("b", "ECONNREFUSED")], "all failed")],
  ])("%s → unavailable", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["unique violation", withCode("duplicate key value violates unique constraint", "23505")],
    ["syntax error", withCode('syntax error at or near "selec"', "42601")],
    ["a bug", new TypeError("cannot read properties of undefined")],
    ["nothing", undefined],
  ])("%s → not unavailable (stays a 500 or its own status)", (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
