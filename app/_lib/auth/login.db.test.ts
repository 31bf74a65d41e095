import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { createUser, TEST_PASSWORD } from "../testing/factories";
import { db } from "../db";
import { FREE_ATTEMPTS } from "./login-throttle";
import { verifyLogin } from "./login";

async function attempt(email: string, password: string, now?: Date) {
  try {
    await verifyLogin({ email, password, now });
    return "ok";
  } catch (err) {
    return (err as AppError).code;
  }
}

describe("verifyLogin", () => {
  it("accepts the right password, case-insensitively on the e-mail", async () => {
    const user = await createUser();
    await expect(verifyLogin({ email: user.email.toUpperCase(), password: TEST_PASSWORD })).resolves.toMatchObject({ id: user.id });
  });

  it("rejects a wrong password and an unknown or deactivated user alike", async () => {
    const user = await createUser();
    expect(await attempt(user.email, "wrong")).toBe("UNAUTHORIZED");
    expect(await attempt("nobody@test.medrank.local", TEST_PASSWORD)).toBe("UNAUTHORIZED");
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await attempt(user.email, TEST_PASSWORD)).toBe("UNAUTHORIZED");
  });

  it("slows down repeated failures, even for the right password, then lets it through", async () => {
    const user = await createUser();
    const t0 = new Date();
    for (let i = 0; i < FREE_ATTEMPTS; i++) expect(await attempt(user.email, "wrong", t0)).toBe("UNAUTHORIZED");
    expect(await attempt(user.email, TEST_PASSWORD, t0)).toBe("RATE_LIMITED");
    const later = new Date(t0.getTime() + 60_000);
    expect(await attempt(user.email, TEST_PASSWORD, later)).toBe("ok");
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.failedLogins).toBe(0);
  });
});
