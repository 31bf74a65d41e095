// Password hashing (bcrypt), on the worker pool (password-pool.ts). One home for the cost,
// the comparison and bcrypt's 72-byte limit.
import { getEnv } from "../env";
import { AppError } from "../errors";
import { passwordPool } from "./password-pool";

/** bcrypt reads only the first 72 bytes (UTF-8) of a password: a longer one would silently lose its tail. */
export const MAX_PASSWORD_BYTES = 72;

export function passwordBytes(password: string): number {
  return Buffer.byteLength(password, "utf8");
}

/** Refuses, before any hashing, a password bcrypt cannot take whole. */
export function assertPasswordLength(password: string): void {
  if (passwordBytes(password) > MAX_PASSWORD_BYTES) {
    throw new AppError("VALIDATION", `password: must be at most ${MAX_PASSWORD_BYTES} bytes (bcrypt limit)`, {
      issues: [{ path: "password", message: `must be at most ${MAX_PASSWORD_BYTES} bytes (bcrypt limit)` }],
    });
  }
}

export async function hashPassword(password: string): Promise<string> {
  assertPasswordLength(password);
  return (await passwordPool().run({ op: "hash", password, cost: getEnv().MEDRANK_BCRYPT_COST })) as string;
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (passwordBytes(password) > MAX_PASSWORD_BYTES) return false;
  return (await passwordPool().run({ op: "compare", password, hash })) as boolean;
}

// Compared against when the e-mail is unknown, so both paths cost one bcrypt round at the
// configured cost (made once per process).
let dummyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword("medrank: no such account");
  await verifyPassword(password, await dummyHash);
}
