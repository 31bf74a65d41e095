import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { assertPasswordLength, MAX_PASSWORD_BYTES, passwordBytes } from "./passwords";

describe("bcrypt's 72-byte limit", () => {
  it("counts UTF-8 bytes, not characters", () => {
    expect(passwordBytes("a".repeat(72))).toBe(72);
    expect(passwordBytes("密")).toBe(3);
  });

  it("takes a password of exactly 72 bytes", () => {
    expect(() => assertPasswordLength("a".repeat(MAX_PASSWORD_BYTES))).not.toThrow();
    expect(() => assertPasswordLength("密".repeat(24))).not.toThrow();
  });

  it("refuses 73 bytes and more, naming the limit — 25 Chinese characters are 75 bytes", () => {
    for (const password of ["a".repeat(73), "密".repeat(25), "x".repeat(10_000_000)]) {
      let error: unknown;
      try {
        assertPasswordLength(password);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("VALIDATION");
      expect((error as AppError).message).toBe("password: must be at most 72 bytes (bcrypt limit)");
    }
  });
});
