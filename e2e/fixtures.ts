// Test fixtures: users and data made through the app's seed factories, sign-in through
// next-auth's credentials endpoint (the same one the login form posts to).
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import type { Role } from "@/app/_generated/prisma/client";
import { createUser, TEST_PASSWORD } from "@/app/_lib/testing/factories";
import { e2e } from "./settings";

/**
 * Headers for a state change sent with the session cookie through Playwright's `request`: a
 * browser names the page's origin itself, the API client does not (the app refuses cookie-
 * authenticated changes from any other origin).
 */
export const sameOrigin = { origin: e2e.baseURL } as const;

export type TestUser = { id: string; email: string; name: string; roles: Role[] };

export async function signIn(request: APIRequestContext, user: { email: string }, password = TEST_PASSWORD) {
  const { csrfToken } = await (await request.get("/api/auth/csrf")).json();
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: user.email, password, json: "true" },
    maxRedirects: 0,
  });
  expect([200, 302]).toContain(res.status());
  const session = await (await request.get("/api/auth/session")).json();
  expect(session?.uid, `sign-in of ${user.email} failed`).toBeTruthy();
}

/** A new user with the given roles, signed in on `page`. */
export async function signedInAs(page: Page, roles: Role[]): Promise<TestUser> {
  const user = await createUser({ roles });
  await signIn(page.request, user);
  return user;
}

export const test = base.extend<{ makeUser: (roles: Role[]) => Promise<TestUser> }>({
  makeUser: async ({}, use) => {
    await use((roles) => createUser({ roles }));
  },
});

export { expect };
