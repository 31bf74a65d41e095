// Attacks a browser can carry out against a signed-in user, replayed in a real browser.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "@/app/_lib/db";
import { expect, signedInAs, test } from "./fixtures";
import { e2e } from "./settings";

/** Serves one HTML page from another port of the same host: same site as MedRank, another origin. */
async function attackPage(html: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
  return { url: `http://localhost:${(server.address() as AddressInfo).port}/`, server };
}

test("a page on another port cannot create an admin with a signed-in admin's cookie", async ({ page }) => {
  await signedInAs(page, ["ADMIN"]);
  const email = `csrf-${crypto.randomUUID().slice(0, 8)}@evil.example`;
  // A text/plain form whose single field reassembles into JSON: name + "=" + value.
  const prefix = JSON.stringify({ email, name: "Mallory", roles: ["ADMIN"], password: "owned-by-mallory" }).slice(0, -1) + ',"x":"';
  const { url, server } = await attackPage(`<!doctype html><title>prize</title>
    <form id="f" method="POST" action="${e2e.baseURL}/api/users" enctype="text/plain">
      <input type="hidden" name='${prefix}' value='"}'>
    </form>
    <script>document.getElementById("f").submit()</script>`);
  try {
    const answer = page.waitForResponse((r) => r.url() === `${e2e.baseURL}/api/users` && r.request().method() === "POST");
    await page.goto(url);
    const res = await answer;
    // the browser did attach the session (same site): the refusal is the CSRF rule, not a missing sign-in
    expect(res.status()).toBe(403);
    expect((await res.json()).error.message).toMatch(/Cross-site request refused/);
  } finally {
    server.close();
  }
  expect(await db.user.count({ where: { email } })).toBe(0);
});

test("pages carry the security headers and still work under the content security policy", async ({ page }) => {
  test.slow(); // the first visit compiles the tokens page in dev mode
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect)/i.test(m.text())) violations.push(m.text());
  });
  const res = await page.goto("/login");
  const headers = res!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("default-src 'self'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");
  expect(headers["x-frame-options"]).toBe("DENY");

  // the sign-in form (client-side React) and the next page render and react under the policy
  const user = await signedInAs(page, ["ANNOTATOR"]);
  await page.goto("/settings/tokens");
  await expect(page.getByTestId("current-user")).toHaveText(user.name);
  await page.getByLabel("令牌名称").fill("csp-check");
  await page.getByRole("button", { name: "创建令牌" }).click();
  await expect(page.getByTestId("new-token-secret")).toContainText("mr_");
  expect(violations).toEqual([]);
});

test("another site cannot frame MedRank", async ({ page }) => {
  const { url, server } = await attackPage(`<!doctype html><title>frame</title><iframe id="m" src="${e2e.baseURL}/login"></iframe>`);
  try {
    const blocked = page.waitForEvent("console", (m) => /frame-ancestors|Refused to display/i.test(m.text()));
    await page.goto(url);
    await blocked;
    // the frame stays empty: none of the login form reached it
    await expect(page.frameLocator("#m").getByLabel(/邮箱|E-mail/)).toHaveCount(0);
  } finally {
    server.close();
  }
});
