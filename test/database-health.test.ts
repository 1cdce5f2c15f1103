import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "../src/database-health.js";

/** An error with the fields a driver or Prisma sets. */
const error = (message: string, fields: Record<string, unknown> = {}) => Object.assign(new Error(message), fields);

describe("telling a database outage from a fault", () => {
  it("recognises an outage as Prisma, its driver adapters, node-postgres, PostgreSQL and SQLite report it", () => {
    const outages = [
      error("Can't reach database server", { code: "P1001" }),
      error("Server has closed the connection.", { code: "P1017" }),
      error("Raw query failed.", { code: "P2010", meta: { driverAdapterError: { cause: { kind: "ConnectionClosed" } } } }),
      error("Operation has timed out", { code: "P1008" }),
      error("Transaction API error: Unable to start a transaction in the given time.", { code: "P2028" }),
      error("connect ECONNREFUSED 127.0.0.1:5432", { code: "ECONNREFUSED", syscall: "connect", errno: -111 }),
      error("terminating connection due to administrator command", { code: "57P01" }),
      error("canceling statement due to statement timeout", { code: "57014" }),
      error("Connection terminated unexpectedly"),
      error("Query read timeout"),
      error("timeout exceeded when trying to connect"),
      error("database is locked", { code: "SQLITE_BUSY" }),
      error("wrapped", { cause: error("Connection terminated due to connection timeout") }),
    ];
    expect(outages.filter((outage) => !isDatabaseUnavailable(outage)).map((outage) => outage.message)).toEqual([]);
  });

  it("leaves every other failure to be masked as unexpected", () => {
    const faults = [
      error("Unique constraint failed", { code: "P2002" }),
      error("Transaction API error: Transaction not found.", { code: "P2028" }),
      error("relation does not exist", { code: "42P01" }),
      error("Cannot read properties of undefined"),
      error("Raw query failed.", { code: "P2010", meta: { driverAdapterError: { cause: { kind: "postgres", originalCode: "22P02" } } } }),
      null,
      "a string",
    ];
    expect(faults.filter((fault) => isDatabaseUnavailable(fault))).toEqual([]);
  });
});
