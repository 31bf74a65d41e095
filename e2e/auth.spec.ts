import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { db } from "@/app/_lib/db";
import { createUser, TEST_PASSWORD } from "@/app/_lib/testing/factories";
import { expect, signIn, test } from "./fixtures";

async function fillSignIn(page: Page, email: string, password: string) {
  await page.getByLabel(/邮箱|E-mail/).fill(email);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
}

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("a user signs in with the form and sees their name; a wrong password is refused", async ({ page }) => {
  const user = await createUser({ roles: ["ANNOTATOR"] });
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);

  await fillSignIn(page, user.email, "not-the-password");
  await expect(page.getByTestId("sign-in-error")).toHaveText("邮箱或密码错误。");
  await expectNoAxeViolations(page);

  await fillSignIn(page, user.email, TEST_PASSWORD);
  await expect(page.getByTestId("current-user")).toHaveText(user.name);
  const entries = await db.auditLog.findMany({ where: { entityId: { in: [user.email, user.id] }, action: { startsWith: "auth." } }, orderBy: { id: "asc" } });
  expect(entries.map((e) => [e.action, (e.data as { reason?: string }).reason ?? null])).toEqual([
    ["auth.sign_in_failed", "wrong_password"],
    ["auth.sign_in", null],
  ]);
});

test("an unknown e-mail gets the same answer as a wrong password", async ({ page }) => {
  await page.goto("/login");
  await fillSignIn(page, `nobody-${crypto.randomUUID().slice(0, 8)}@test.medrank.local`, TEST_PASSWORD);
  await expect(page.getByTestId("sign-in-error")).toHaveText("邮箱或密码错误。");
});

test("a password longer than bcrypt's 72 bytes is refused with the limit named", async ({ page }) => {
  const user = await createUser({ roles: ["ANNOTATOR"] });
  await page.goto("/login");
  // the first click can land before the page is interactive: repeat it until the language changes
  await expect(async () => {
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible({ timeout: 3_000 });
  }).toPass();
  await fillSignIn(page, user.email, "密".repeat(25));
  await expect(page.getByTestId("sign-in-error")).toHaveText(/Password too long: at most 72 bytes/);
});

test("an account under a flood of wrong guesses asks for a wait, even with the right password", async ({ page }) => {
  const user = await createUser({ roles: ["ANNOTATOR"] });
  // the state after 10 wrong guesses a moment ago (the counting itself: app/_lib/auth/login.db.test.ts)
  await db.loginThrottle.create({ data: { key: `account:${user.email}`, attempts: 10, lastAt: new Date() } });
  await page.goto("/login");
  await fillSignIn(page, user.email, TEST_PASSWORD);
  await expect(page.getByTestId("sign-in-error")).toHaveText(/^登录尝试次数过多。请在 \d+ 秒后再试。$/);
  const entry = await db.auditLog.findFirstOrThrow({ where: { action: "auth.sign_in_failed", entityId: user.email } });
  expect(entry.data).toMatchObject({ method: "password", reason: "throttled" });
});

test.describe("after sign-in the browser goes to a page of MedRank only", () => {
  for (const target of ["https://evil.example/x", "//evil.example/x", "/\\evil.example/x", "\\\\evil.example/x"]) {
    test(`callbackUrl ${target} lands on MedRank's home page`, async ({ page, baseURL }) => {
      const user = await createUser({ roles: ["ANNOTATOR"] });
      await page.goto(`/login?callbackUrl=${encodeURIComponent(target)}`);
      await fillSignIn(page, user.email, TEST_PASSWORD);
      await expect(page.getByTestId("current-user")).toHaveText(user.name);
      expect(page.url()).toBe(`${baseURL}/`);
    });
  }

  test("a path of MedRank is kept", async ({ page }) => {
    const user = await createUser({ roles: ["ANNOTATOR"] });
    await page.goto(`/login?callbackUrl=${encodeURIComponent("/settings/tokens")}`);
    await fillSignIn(page, user.email, TEST_PASSWORD);
    await expect(page).toHaveURL(/\/settings\/tokens$/);
  });
});

test("a one-time password must be changed before anything else", async ({ page, baseURL }) => {
  const user = await createUser({ roles: ["ADMIN"] });
  await db.user.update({ where: { id: user.id }, data: { mustChangePassword: true } });
  await page.goto("/login");
  await fillSignIn(page, user.email, TEST_PASSWORD);
  await expect(page).toHaveURL(/\/login\/change-password$/);
  await expect(page.getByRole("heading", { name: "设置新密码" })).toBeVisible();
  await expectNoAxeViolations(page);

  // every page leads back here, and the API does not answer for this session yet
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/login\/change-password$/);
  expect((await page.request.get("/api/users")).status()).toBe(401);

  await page.getByLabel("当前密码").fill(TEST_PASSWORD);
  await page.getByLabel("新密码", { exact: true }).fill("my-own-secret-1");
  await page.getByLabel("再次输入新密码").fill("my-own-secret-2");
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText("两次输入的新密码不一致");

  await page.getByLabel("再次输入新密码").fill("my-own-secret-1");
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(user.name);
  expect(page.url()).toBe(`${baseURL}/`);
  expect((await page.request.get("/api/users")).status()).toBe(200);
});

test("sign out everywhere ends the user's session in every browser", async ({ page, browser }) => {
  const user = await createUser({ roles: ["ANNOTATOR"] });
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage.request, user);
  await otherPage.goto("/");
  await expect(otherPage.getByTestId("current-user")).toHaveText(user.name);

  await signIn(page.request, user);
  await page.goto("/settings/security");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "在所有设备上退出" }).click();
  await expect(page).toHaveURL(/\/login/);

  await otherPage.goto("/");
  await expect(otherPage).toHaveURL(/\/login/);
  await other.close();
});

test("the interface switches between Chinese and English", async ({ page }) => {
  const user = await createUser({ roles: ["ANNOTATOR"] });
  await signIn(page.request, user);
  await page.goto("/");
  await expect(page.getByRole("link", { name: "标注" }).first()).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("link", { name: "Annotate" }).first()).toBeVisible();
});

test("a deactivated user is signed out at once", async ({ page }) => {
  const user = await createUser({ roles: ["ANNOTATOR"] });
  await signIn(page.request, user);
  await page.goto("/");
  await expect(page.getByTestId("current-user")).toHaveText(user.name);
  await db.user.update({ where: { id: user.id }, data: { active: false } });
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});
