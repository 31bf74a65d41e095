// Sign-in throttling. Every attempt is counted under two keys before its password is checked:
//   account:<e-mail>   (whether or not the account exists, so the answers never tell which e-mails are real)
//   address:<client>   (guesses spread over many accounts from one address are slowed too)
// After `free` attempts on a key, each further attempt must wait a delay that doubles per
// attempt, up to `maxMs`, counted from the key's last counted attempt; one counted attempt
// leaks away every `leakMs`. A refused attempt is
// not counted and does not push the wait further, so the account's owner gets in with the
// right password at most ACCOUNT_RULE.maxMs after the last counted guess: a third party can
// slow an account down, never lock it for good. A success clears the account key and takes
// its own attempt back off the address key.
//
// Concurrency: the check and the count are one INSERT … ON CONFLICT DO UPDATE … WHERE …
// RETURNING statement. PostgreSQL locks the key's row for it, so of 30 simultaneous attempts
// exactly `free` pass and the rest see the incremented count (no check-then-increment race).
import "server-only";
import { Prisma } from "@/app/_generated/prisma/client";
import { db } from "../db";
import { attemptsNow, type DelayRule as ThrottleRule, throttleDelayMs } from "./throttle-delay";

export const ACCOUNT_RULE: ThrottleRule = { free: 5, baseMs: 1_000, maxMs: 60_000, leakMs: 10 * 60_000 };
export const ADDRESS_RULE: ThrottleRule = { free: 20, baseMs: 2_000, maxMs: 15 * 60_000, leakMs: 60_000 };

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;
export const addressKey = (address: string) => `address:${address}`;

export type Claim = { ok: true } | { ok: false; retryAfterMs: number };

/** Counts one attempt under `key` if the key's delay has passed; otherwise says how long to wait. */
export async function claimAttempt(key: string, rule: ThrottleRule, now: Date): Promise<Claim> {
  const nowMs = now.getTime();
  // the attempts still counted now on the locked row (one leaks away every leakMs)
  const left = Prisma.sql`GREATEST(t.attempts - floor(GREATEST(extract(epoch FROM EXCLUDED."lastAt" - t."lastAt"), 0) * 1000 / ${rule.leakMs})::int, 0)`;
  const waitMs = Prisma.sql`LEAST(${rule.maxMs}::float8, ${rule.baseMs}::float8 * power(2, LEAST(${left} - ${rule.free}, 40)))`;
  const rows = await db.$queryRaw<{ attempts: number }[]>`
    WITH clock AS (SELECT (to_timestamp(${nowMs}::float8 / 1000) AT TIME ZONE 'UTC') AS now)
    INSERT INTO "LoginThrottle" AS t (key, attempts, "lastAt")
    SELECT ${key}, 1, clock.now FROM clock
    ON CONFLICT (key) DO UPDATE SET attempts = ${left} + 1, "lastAt" = EXCLUDED."lastAt"
    WHERE ${left} < ${rule.free} OR t."lastAt" + make_interval(secs => ${waitMs} / 1000) <= EXCLUDED."lastAt"
    RETURNING attempts`;
  if (rows.length > 0) return { ok: true };
  const row = await db.loginThrottle.findUnique({ where: { key } });
  if (!row) return { ok: true }; // cleared in between (a success): the next attempt goes through
  const wait = row.lastAt.getTime() + throttleDelayMs(rule, attemptsNow(rule, row.attempts, row.lastAt, now)) - nowMs;
  return { ok: false, retryAfterMs: Math.max(1_000, wait) };
}

/** The right password: forget the account's attempts, and give the address its attempt back. */
export async function recordSuccess(keys: { account: string; address: string | null }): Promise<void> {
  await db.loginThrottle.deleteMany({ where: { key: keys.account } });
  if (keys.address) {
    await db.$executeRaw`UPDATE "LoginThrottle" SET attempts = GREATEST(attempts - 1, 0) WHERE key = ${keys.address}`;
  }
}
