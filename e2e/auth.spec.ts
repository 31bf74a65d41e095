import { createUser, TEST_PASSWORD } from "@/app/_lib/testing/factories";
import { expect, signIn, test } from "./fixtures";

test("a user signs in with the form and sees their name; a wrong password is refused", async ({ page }) => {
  const user = await createUser({ roles: ["ANNOTATOR"] });
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel(/邮箱|E-mail/).fill(user.email);
  await page.getByLabel(/密码|Password/).fill("not-the-password");
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong e-mail or password" })).toBeVisible();

  await page.getByLabel(/密码|Password/).fill(TEST_PASSWORD);
  await page.getByRole("button", { name: /^(登录|Sign in)$/ }).click();
  await expect(page.getByTestId("current-user")).toHaveText(user.name);
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
  const { db } = await import("@/app/_lib/db");
  const user = await createUser({ roles: ["ANNOTATOR"] });
  await signIn(page.request, user);
  await page.goto("/");
  await expect(page.getByTestId("current-user")).toHaveText(user.name);
  await db.user.update({ where: { id: user.id }, data: { active: false } });
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});
