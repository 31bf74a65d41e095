// Hospital single sign-on against a real OpenID Connect provider (the `oidc-provider` package)
// started here on localhost; the app's server is configured for it in e2e/settings.ts.
// A person signs in at the provider with a login name (any password: the provider's
// development sign-in form); `people` says what the provider then tells MedRank about them.
import type { Server } from "node:http";
import Provider from "oidc-provider";
import { db } from "@/app/_lib/db";
import { createUser } from "@/app/_lib/testing/factories";
import { expect, test } from "./fixtures";
import { e2e } from "./settings";

type Person = { email: string; emailVerified: boolean; name: string; emailOnlyInUserinfo?: boolean };
const people = new Map<string, Person>();
let server: Server;
const tag = () => crypto.randomUUID().slice(0, 8);

test.beforeAll(async () => {
  const issuer = e2e.serverEnv.OIDC_ISSUER;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: e2e.serverEnv.OIDC_CLIENT_ID,
        client_secret: e2e.serverEnv.OIDC_CLIENT_SECRET,
        redirect_uris: [`${e2e.baseURL}/api/auth/callback/oidc`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // claims asked for by scope go into the ID token too, unless a person says otherwise
    conformIdTokenClaims: false,
    async findAccount(_ctx, sub) {
      const person = people.get(sub);
      if (!person) return undefined;
      return {
        accountId: sub,
        async claims(use) {
          const hideEmail = person.emailOnlyInUserinfo && use === "id_token";
          return { sub, name: person.name, ...(hideEmail ? {} : { email: person.email, email_verified: person.emailVerified }) };
        },
      };
    },
    // a first-party client: no consent screen
    async loadExistingGrant(ctx) {
      const { client, session } = ctx.oidc;
      const grant = new ctx.oidc.provider.Grant({ clientId: client!.clientId, accountId: session!.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    cookies: { keys: ["e2e-oidc-cookie-key-0123456789"] },
  });
  await new Promise<void>((resolve) => {
    server = provider.listen(new URL(issuer).port, resolve);
  });
});

test.afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

/** Clicks the SSO button on MedRank's login page and signs in at the provider as `login`. */
async function signInWithSso(page: import("@playwright/test").Page, login: string, loginPath = "/login") {
  await page.goto(loginPath);
  await page.getByRole("button", { name: /使用 Hospital SSO 登录|Sign in with Hospital SSO/ }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

test("a verified e-mail signs in and lands on the page the user asked for; the identity is bound and audited", async ({ page }) => {
  const user = await createUser({ roles: ["ANNOTATOR"] });
  const login = `doctor-${tag()}`;
  people.set(login, { email: user.email.toUpperCase(), emailVerified: true, name: "Dr. SSO" });

  await signInWithSso(page, login, "/login?callbackUrl=%2Fsettings%2Ftokens");
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await expect(page.getByTestId("current-user")).toHaveText(user.name);

  const identity = await db.userIdentity.findFirstOrThrow({ where: { userId: user.id } });
  expect(identity).toMatchObject({ issuer: e2e.serverEnv.OIDC_ISSUER, subject: login });
  const entry = await db.auditLog.findFirstOrThrow({ where: { actorId: user.id, action: "auth.sign_in" } });
  expect(entry.data).toMatchObject({ method: "sso", subject: login, boundNow: true });
});

test("once bound, the provider's subject decides who signs in, not the e-mail", async ({ page }) => {
  const user = await createUser({ roles: ["ANNOTATOR"] });
  const other = await createUser({ roles: ["ADMIN"] });
  const login = `nurse-${tag()}`;
  people.set(login, { email: user.email, emailVerified: true, name: "Nurse" });
  await signInWithSso(page, login);
  await expect(page.getByTestId("current-user")).toHaveText(user.name);

  // the person's e-mail at the provider now reads as the admin's: still the same MedRank user
  people.set(login, { email: other.email, emailVerified: true, name: "Nurse" });
  await page.context().clearCookies();
  await signInWithSso(page, login);
  await expect(page.getByTestId("current-user")).toHaveText(user.name);
});

test("an unverified e-mail is refused with the reason and what to do, in the user's language", async ({ page }) => {
  const user = await createUser({ roles: ["ADMIN"] });
  const login = `mallory-${tag()}`;
  people.set(login, { email: user.email, emailVerified: false, name: "Mallory" });

  await signInWithSso(page, login);
  await expect(page).toHaveURL(/\/login\?error=sso_unverified_email/);
  await expect(page.getByTestId("sign-in-error")).toHaveText(/医院账号系统没有确认你的邮箱地址.*请先在医院账号系统中验证邮箱/);
  // the first click can land before the page is interactive: repeat it until the language changes
  await expect(async () => {
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByTestId("sign-in-error")).toHaveText(/e-mail address is not verified.*Verify it/, { timeout: 3_000 });
  }).toPass();

  expect(await db.userIdentity.count({ where: { userId: user.id } })).toBe(0);
  const entry = await db.auditLog.findFirstOrThrow({ where: { action: "auth.sign_in_failed", entityId: user.email } });
  expect(entry.data).toMatchObject({ method: "sso", reason: "unverified_email", subject: login });
});

test("an e-mail the provider serves only from userinfo still signs in", async ({ page }) => {
  const user = await createUser({ roles: ["ADJUDICATOR"] });
  const login = `userinfo-${tag()}`;
  people.set(login, { email: user.email, emailVerified: true, name: "Dr. Userinfo", emailOnlyInUserinfo: true });

  await signInWithSso(page, login);
  await expect(page.getByTestId("current-user")).toHaveText(user.name);
});

test("a person with no MedRank account is told to ask an admin; nothing is created", async ({ page }) => {
  const email = `stranger-${tag()}@hospital.example`;
  const login = `stranger-${tag()}`;
  people.set(login, { email, emailVerified: true, name: "Stranger" });

  await signInWithSso(page, login);
  await expect(page.getByTestId("sign-in-error")).toHaveText(/MedRank 中没有使用你这个邮箱的账号。请联系 MedRank 管理员为你创建账号/);
  expect(await db.user.count({ where: { email } })).toBe(0);
  const entry = await db.auditLog.findFirstOrThrow({ where: { action: "auth.sign_in_failed", entityId: email } });
  expect(entry.data).toMatchObject({ method: "sso", reason: "no_account" });
});

test("a deactivated account is refused with its own reason", async ({ page }) => {
  const user = await createUser({ roles: ["ANNOTATOR"] });
  await db.user.update({ where: { id: user.id }, data: { active: false } });
  const login = `gone-${tag()}`;
  people.set(login, { email: user.email, emailVerified: true, name: "Gone" });

  await signInWithSso(page, login);
  await expect(page.getByTestId("sign-in-error")).toHaveText(/你的 MedRank 账号已停用/);
});

test("a destination on another site is not followed after SSO", async ({ page }) => {
  const user = await createUser({ roles: ["ANNOTATOR"] });
  const login = `redirect-${tag()}`;
  people.set(login, { email: user.email, emailVerified: true, name: "Dr. Redirect" });

  await signInWithSso(page, login, `/login?callbackUrl=${encodeURIComponent("https://evil.example/x")}`);
  await expect(page.getByTestId("current-user")).toHaveText(user.name);
  expect(new URL(page.url()).origin).toBe(e2e.baseURL);
});
