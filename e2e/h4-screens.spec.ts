import AxeBuilder from "@axe-core/playwright";
import { db } from "@/app/_lib/db";
import { createUser } from "@/app/_lib/testing/factories";
import { expect, signIn, test } from "./fixtures";

const out = ".medrank/e2e-h4/shots";
const sizes = { desktop: { width: 1440, height: 900 }, tablet: { width: 1024, height: 768 } };

test("screens", async ({ page, context }) => {
  test.setTimeout(600_000);
  const problems: string[] = [];
  const axe = async (name: string) => {
    const { violations } = await new AxeBuilder({ page }).analyze();
    for (const v of violations) problems.push(`${name}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  };
  for (const locale of ["zh", "en"]) {
    await context.addCookies([{ name: "medrank-locale", value: locale, url: "http://localhost:3314" }]);
    for (const [size, viewport] of Object.entries(sizes)) {
      await page.setViewportSize(viewport);
      await page.goto("/login?error=sso_no_account");
      await expect(page.getByTestId("sign-in-error")).toBeVisible();
      await page.screenshot({ path: `${out}/login-refusal-${locale}-${size}.png`, fullPage: true });
      await axe(`login ${locale} ${size}`);

      const otp = await createUser({ roles: ["ADMIN"] });
      await db.user.update({ where: { id: otp.id }, data: { mustChangePassword: true } });
      await context.clearCookies({ name: /session-token/ });
      await signIn(page.request, otp);
      await page.goto("/login/change-password");
      await expect(page.locator("h1")).toBeVisible();
      await page.screenshot({ path: `${out}/change-password-${locale}-${size}.png`, fullPage: true });
      await axe(`change-password ${locale} ${size}`);

      const admin = await createUser({ roles: ["ADMIN"] });
      const annotator = await createUser({ roles: ["ANNOTATOR"] });
      await context.clearCookies({ name: /session-token/ });
      await signIn(page.request, admin);
      await page.goto("/settings/security");
      await expect(page.locator("h1")).toBeVisible();
      await page.screenshot({ path: `${out}/security-${locale}-${size}.png`, fullPage: true });
      await axe(`security ${locale} ${size}`);

      await page.goto("/admin/users");
      const row = page.getByTestId(`user-row-${annotator.email}`);
      await row.getByRole("button", { name: /创建 API 令牌|Create API token/ }).click();
      await row.getByLabel(/令牌名称|Token name/).fill("nightly export");
      await row.getByRole("button", { name: /^(创建|Create)$/ }).click();
      await expect(page.getByTestId(`minted-token-${annotator.email}`)).toBeVisible();
      await row.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${out}/mint-${locale}-${size}.png` });
      await axe(`admin users ${locale} ${size}`);
    }
  }
  console.log(problems.join("\n") || "axe: no violations");
});
