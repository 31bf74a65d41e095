import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { AppError } from "../errors";
import { createUser, TEST_PASSWORD } from "../testing/factories";
import { verifyLogin } from "./login";
import { ACCOUNT_RULE, ADDRESS_RULE } from "./login-throttle";

const someAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(256)}`;

async function attempt(email: string, password: string, opts: { now?: Date; address?: string } = {}) {
  try {
    await verifyLogin({ email, password, ...opts });
    return "ok";
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return err.code;
  }
}

const tally = (results: string[]) => results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r]: (acc[r] ?? 0) + 1 }), {});

describe("verifyLogin", () => {
  it("accepts the right password, case-insensitively on the e-mail, and audits the sign-in without the password", async () => {
    const user = await createUser();
    await expect(verifyLogin({ email: user.email.toUpperCase(), password: TEST_PASSWORD, address: "192.0.2.10" })).resolves.toMatchObject({
      id: user.id,
      sessionVersion: 0,
    });
    const entry = await db.auditLog.findFirstOrThrow({ where: { actorId: user.id, action: "auth.sign_in" } });
    expect(entry.data).toEqual({ method: "password", address: "192.0.2.10" });
  });

  it("answers a wrong password, an unknown e-mail and a deactivated user alike, and audits each reason", async () => {
    const user = await createUser();
    const unknown = `nobody-${randomInt(1e9)}@test.medrank.local`;
    const messages: string[] = [];
    for (const [email, password] of [[user.email, "wrong-password"], [unknown, TEST_PASSWORD]]) {
      await verifyLogin({ email, password }).catch((err: AppError) => messages.push(`${err.code} ${err.message}`));
    }
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    await verifyLogin({ email: user.email, password: TEST_PASSWORD }).catch((err: AppError) => messages.push(`${err.code} ${err.message}`));
    expect(messages).toEqual(Array(3).fill("UNAUTHORIZED wrong_credentials"));

    const reasons = await db.auditLog.findMany({ where: { action: "auth.sign_in_failed", entityId: { in: [user.email, unknown] } }, orderBy: { id: "asc" } });
    expect(reasons.map((e) => (e.data as { reason: string }).reason)).toEqual(["wrong_password", "unknown_email", "deactivated"]);
    expect(JSON.stringify(reasons.map((e) => e.data))).not.toContain("wrong-password");
    expect(JSON.stringify(reasons.map((e) => e.data))).not.toContain(TEST_PASSWORD);
  });

  it("refuses a password longer than 72 bytes before counting or checking it", async () => {
    const user = await createUser();
    // 25 three-byte characters = 75 bytes, though only 25 characters
    expect(await attempt(user.email, "密".repeat(25))).toBe("VALIDATION");
    expect(await attempt(user.email, "x".repeat(1_000_000))).toBe("VALIDATION");
    expect(await db.loginThrottle.count({ where: { key: `account:${user.email}` } })).toBe(0);
    const entry = await db.auditLog.findFirstOrThrow({ where: { actorId: null, entityId: user.email, action: "auth.sign_in_failed" } });
    expect(entry.data).toMatchObject({ reason: "password_too_long" });
  });
});

describe("sign-in throttling", () => {
  it("checks exactly the free attempts of a burst of 30 simultaneous guesses, for real and unknown e-mails alike", async () => {
    const user = await createUser();
    const unknown = `ghost-${randomInt(1e9)}@test.medrank.local`;
    const now = new Date();
    for (const email of [user.email, unknown]) {
      const results = await Promise.all(Array.from({ length: 30 }, () => attempt(email, "wrong-password", { now, address: someAddress() })));
      expect(tally(results)).toEqual({ UNAUTHORIZED: ACCOUNT_RULE.free, RATE_LIMITED: 30 - ACCOUNT_RULE.free });
    }
  });

  it("lets the right password through a locked account after a bounded delay, however many guesses arrive meanwhile", async () => {
    const user = await createUser();
    const t0 = new Date();
    for (let i = 0; i < 12; i++) {
      // the third party keeps guessing every 10 s; only attempts after the delay are counted
      await attempt(user.email, "wrong-password", { now: new Date(t0.getTime() + i * 10_000), address: someAddress() });
    }
    const lastGuess = new Date(t0.getTime() + 11 * 10_000);
    expect(await attempt(user.email, TEST_PASSWORD, { now: lastGuess, address: someAddress() })).toBe("RATE_LIMITED");
    const bounded = new Date(lastGuess.getTime() + ACCOUNT_RULE.maxMs);
    expect(await attempt(user.email, TEST_PASSWORD, { now: bounded, address: someAddress() })).toBe("ok");
    // and the success clears the account's count
    expect(await db.loginThrottle.count({ where: { key: `account:${user.email}` } })).toBe(0);
  });

  it("tells the client how long to wait", async () => {
    const user = await createUser();
    const now = new Date();
    for (let i = 0; i < ACCOUNT_RULE.free; i++) await attempt(user.email, "wrong-password", { now });
    const err = await verifyLogin({ email: user.email, password: TEST_PASSWORD, now }).catch((e: AppError) => e);
    expect(err).toMatchObject({ code: "RATE_LIMITED", message: "throttled:1", details: { retryAfterSeconds: 1 } });
  });

  it("slows guesses spread over many accounts from one address, not other addresses", async () => {
    const address = someAddress();
    const users = await Promise.all(Array.from({ length: 6 }, () => createUser()));
    const now = new Date();
    // 4 guesses on each of 5 accounts: under every account's limit, at the address's limit
    for (const user of users.slice(0, 5)) {
      for (let i = 0; i < 4; i++) expect(await attempt(user.email, "wrong-password", { now, address })).toBe("UNAUTHORIZED");
    }
    expect(ADDRESS_RULE.free).toBe(20);
    expect(await attempt(users[5].email, TEST_PASSWORD, { now, address })).toBe("RATE_LIMITED");
    expect(await attempt(users[5].email, TEST_PASSWORD, { now, address: someAddress() })).toBe("ok");
  });

  it("forgets old failures of a busy address one at a time (a leaky bucket), so it never stays blocked", async () => {
    const address = someAddress();
    const now = new Date();
    const users = await Promise.all(Array.from({ length: 5 }, () => createUser()));
    for (const user of users) {
      for (let i = 0; i < ADDRESS_RULE.free / users.length; i++) await attempt(user.email, "wrong-password", { now, address });
    }
    const newcomer = await createUser();
    expect(await attempt(newcomer.email, TEST_PASSWORD, { now, address })).toBe("RATE_LIMITED");
    const oneLeaked = new Date(now.getTime() + ADDRESS_RULE.leakMs);
    expect(await attempt(newcomer.email, TEST_PASSWORD, { now: oneLeaked, address })).toBe("ok");
  });

  it("does not hold successful sign-ins against a shared address (a ward behind one NAT)", async () => {
    const address = someAddress();
    const user = await createUser();
    const now = new Date();
    for (let i = 0; i < ADDRESS_RULE.free + 5; i++) expect(await attempt(user.email, TEST_PASSWORD, { now, address })).toBe("ok");
  });
});
