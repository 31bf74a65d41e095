import { describe, expect, it } from "vitest";
import { assertLocalDatabase } from "./assert-local-database";

describe("assertLocalDatabase", () => {
  it("accepts a database on this machine", () => {
    for (const host of ["localhost", "127.0.0.1", "[::1]"]) {
      expect(() => assertLocalDatabase(`postgresql://medrank:medrank@${host}:5432/medrank_test`)).not.toThrow();
    }
  });

  it("refuses any other host, naming it", () => {
    expect(() => assertLocalDatabase("postgresql://medrank:secret@db.example.com:5432/medrank")).toThrow(/non-local database \(db\.example\.com\)/);
    expect(() => assertLocalDatabase("postgresql://medrank:secret@10.0.0.5/medrank")).toThrow(/10\.0\.0\.5/);
  });
});
