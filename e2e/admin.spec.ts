// Admin area in a real browser: users, projects, the dashboard, API tokens — and the
// server-side guard that keeps non-admins out of every admin route and page.
import { db } from "@/app/_lib/db";
import { createItems, createProject, createUser } from "@/app/_lib/testing/factories";
import { expect, sameOrigin, signedInAs, signIn, test } from "./fixtures";

const tag = () => crypto.randomUUID().slice(0, 8);

test("an admin creates a user who can then sign in, and a project with its settings", async ({ page, browser }) => {
  test.slow(); // a long walk through three pages
  await signedInAs(page, ["ADMIN"]);
  const email = `new-${tag()}@hospital.example`;

  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "用户管理" })).toBeVisible();
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("姓名").fill("张医生");
  await page.getByLabel("初始密码").fill("short");
  await page.getByRole("button", { name: "新建用户" }).click();
  // the shared schema names the field before anything is sent
  await expect(page.locator("#new-user-password-error")).toContainText("at least 8 characters");
  await page.getByLabel("初始密码").fill("zhang-pass-1");
  await page.locator("#new-user-role-ADJUDICATOR").check();
  await page.getByRole("button", { name: "新建用户" }).click();
  await expect(page.getByRole("status")).toContainText("已创建用户 张医生");
  const row = page.getByTestId(`user-row-${email}`);
  await expect(row).toContainText("张医生");
  await expect(row.getByRole("checkbox", { name: "仲裁专家" })).toBeChecked();
  await expect(row.getByRole("checkbox", { name: "标注员" })).toBeChecked();

  // the new account works with the password the admin chose
  const other = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  await signIn(other.request, { email }, "zhang-pass-1");
  await other.close();

  // deactivate from the list: it asks first, the badge flips once confirmed, the button comes
  // back once saved, and the change survives a reload
  await row.getByRole("button", { name: "停用" }).click();
  await row.getByRole("button", { name: "确认停用" }).click();
  await expect(row.getByText("已停用")).toBeVisible();
  await expect(row.getByRole("button", { name: "恢复" })).toBeEnabled();
  await page.reload();
  await expect(page.getByTestId(`user-row-${email}`).getByText("已停用")).toBeVisible();

  // a project with K = 5 and the KENDALL rule
  const name = `皮肤科 ${tag()}`;
  await page.goto("/admin/projects");
  await page.getByRole("button", { name: "新建项目" }).click();
  await page.getByLabel("名称").fill(name);
  await page.getByLabel("每条候选回答数 K").fill("5");
  await page.getByLabel("分歧规则").selectOption("KENDALL");
  await page.getByRole("region", { name: "新建项目" }).getByRole("button", { name: "新建项目" }).click();
  await expect(page.getByText("请修正标出的字段")).toBeVisible(); // the threshold is missing
  await page.getByLabel("Kendall τ 阈值").fill("0.4");
  await page.getByRole("region", { name: "新建项目" }).getByRole("button", { name: "新建项目" }).click();
  await page.getByRole("link", { name: `已创建项目 ${name}` }).click();
  await expect(page.getByRole("heading", { name: `项目看板：${name}` })).toBeVisible();

  const stored = await db.project.findUniqueOrThrow({ where: { name } });
  expect(stored).toMatchObject({ k: 5, disagreementRule: "KENDALL", kendallThreshold: 0.4, annotatorsPerItem: 2 });
});

test("K is locked in the settings once the project has items", async ({ page }) => {
  await signedInAs(page, ["ADMIN"]);
  const project = await createProject();
  await createItems(project.id, { count: 2 });
  await page.goto(`/admin/projects/${project.id}/settings`);
  await expect(page.getByLabel("每条候选回答数 K")).toBeDisabled();
  await expect(page.getByText("已有 2 条待排序条目，K 不可再修改")).toBeVisible();
  await page.getByLabel("领取时限（分钟）").fill("45");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status")).toContainText("设置已保存");
  expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).leaseMinutes).toBe(45);
  // the API refuses a K change as well, naming the field
  const res = await page.request.patch(`/api/projects/${project.id}`, { data: { k: 6 }, headers: sameOrigin });
  expect(res.status()).toBe(409);
  expect((await res.json()).error.message).toMatch(/K cannot change/);
});

test("the dashboard shows progress, agreement and position bias from real rankings", async ({ page }) => {
  await signedInAs(page, ["ADMIN"]);
  const project = await createProject();
  const [i1, i2] = await createItems(project.id, { count: 3 });
  const a = await createUser({ name: `甲 ${tag()}` });
  const b = await createUser({ name: `乙 ${tag()}` });
  const rank = async (itemId: string, annotatorId: string, ranks: number[]) => {
    const assignment = await db.assignment.create({
      data: { itemId, annotatorId, status: "SUBMITTED", displayOrder: [0, 1, 2, 3], leaseExpiresAt: new Date(), finishedAt: new Date() },
    });
    await db.ranking.create({ data: { assignmentId: assignment.id, itemId, annotatorId, ranks, durationMs: 42_000 } });
  };
  await rank(i1, a.id, [1, 2, 3, 4]);
  await rank(i1, b.id, [1, 2, 3, 4]);
  await rank(i2, a.id, [1, 2, 3, 4]);
  await rank(i2, b.id, [2, 1, 3, 4]);
  await db.item.update({ where: { id: i1 }, data: { status: "FINAL", finalRanks: [1, 2, 3, 4] } });
  await db.item.update({ where: { id: i2 }, data: { status: "ADJUDICATION" } });

  await page.goto(`/admin/projects/${project.id}`);
  await expect(page.getByTestId("dash-status-OPEN")).toHaveText("1");
  await expect(page.getByTestId("dash-status-FINAL")).toHaveText("1");
  await expect(page.getByTestId("dash-status-ADJUDICATION")).toHaveText("1");
  await expect(page.getByTestId("dash-exact-order")).toHaveText("50.0%");
  // pair heatmap: each annotator is a row and a column
  const agreement = page.getByRole("region", { name: "一致性" });
  await expect(agreement.getByRole("rowheader", { name: a.name })).toBeVisible();
  await expect(agreement.getByRole("columnheader", { name: b.name })).toBeVisible();
  // the quality section lists both, with n and no alert on two rankings each
  await expect(page.getByTestId(`quality-row-${a.name}`).getByTestId("quality-fast")).toContainText("n = 2");
  await expect(page.getByTestId("quality-no-alerts")).toBeVisible();
  // throughput table: 2 rankings each, median 42 s
  await expect(page.getByRole("region", { name: "标注员效率" }).getByRole("row", { name: new RegExp(a.name) })).toContainText("42");
  // position bias: 3 of 4 top choices in slot 1, 1 in slot 2: χ² = (4 + 0 + 1 + 1) / 1
  await expect(page.getByText(/χ² = 6\.00，自由度 3/)).toBeVisible();
  // links to the other parts of the project
  await expect(page.getByRole("link", { name: "导入数据" })).toHaveAttribute("href", `/admin/projects/${project.id}/import`);
});

test("a user creates an API token, uses it once, and revoked it stops working", async ({ page, playwright }) => {
  await signedInAs(page, ["ANNOTATOR"]);
  await page.goto("/settings/tokens");
  await page.getByLabel("令牌名称").fill("评测脚本");
  await page.getByRole("button", { name: "创建令牌" }).click();
  const secret = (await page.getByTestId("new-token-secret").textContent())!;
  expect(secret).toMatch(/^mr_/);

  const api = await playwright.request.newContext({
    baseURL: test.info().project.use.baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${secret}` },
  });
  const listed = await api.get("/api/tokens");
  expect(listed.status()).toBe(200);
  expect((await listed.json()).tokens.map((t: { name: string }) => t.name)).toContain("评测脚本");

  await page.getByTestId("token-row-评测脚本").getByRole("button", { name: "吊销" }).click();
  await page.getByTestId("token-row-评测脚本").getByRole("button", { name: "确认吊销" }).click();
  await expect(page.getByTestId("token-row-评测脚本").getByText("已吊销")).toBeVisible();
  expect((await api.get("/api/tokens")).status()).toBe(401);
  await api.dispose();
});

test("destructive admin actions ask first, roles save only on request, and nobody deactivates themselves", async ({ page }) => {
  const me = await signedInAs(page, ["ADMIN"]);
  const user = await createUser({ roles: ["ANNOTATOR"], email: `role-${tag()}@hospital.example` });
  await page.goto("/admin/users");
  const row = page.getByTestId(`user-row-${user.email}`);

  // a stray click on a role changes nothing until "save roles"
  await row.getByRole("checkbox", { name: "仲裁专家" }).check();
  await expect(row.getByRole("button", { name: "保存角色" })).toBeVisible();
  expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).roles).toEqual(["ANNOTATOR"]);
  await row.getByRole("button", { name: "取消" }).click();
  await expect(row.getByRole("checkbox", { name: "仲裁专家" })).not.toBeChecked();
  await row.getByRole("checkbox", { name: "仲裁专家" }).check();
  await row.getByRole("button", { name: "保存角色" }).click();
  await expect(row.getByRole("button", { name: "保存角色" })).toBeHidden();
  await expect.poll(async () => (await db.user.findUniqueOrThrow({ where: { id: user.id } })).roles).toEqual(["ANNOTATOR", "ADJUDICATOR"]);

  // "deactivate" asks first; cancelling leaves the user active
  await row.getByRole("button", { name: "停用" }).click();
  await expect(row.getByText(`停用 ${user.name}？`)).toBeVisible();
  await row.getByRole("button", { name: "取消" }).click();
  await expect(row.getByRole("button", { name: "停用" })).toBeFocused();
  expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).active).toBe(true);

  // my own row offers no "deactivate", and the server refuses it too
  const mine = page.getByTestId(`user-row-${me.email}`);
  await expect(mine.getByText("不能停用自己")).toBeVisible();
  await expect(mine.getByRole("button", { name: "停用" })).toHaveCount(0);
  const res = await page.request.patch(`/api/users/${me.id}`, { data: { active: false }, headers: sameOrigin });
  expect(res.status()).toBe(403);
  expect((await db.user.findUniqueOrThrow({ where: { id: me.id } })).active).toBe(true);
});

test("an annotator gets 403 from every admin API route and cannot open admin pages", async ({ page }) => {
  const annotator = await signedInAs(page, ["ANNOTATOR", "ADJUDICATOR"]);
  const project = await createProject();
  const admin = await createUser({ roles: ["ADMIN"] });

  const calls = [
    page.request.get("/api/users"),
    page.request.post("/api/users", { data: { email: `x-${tag()}@h.example`, name: "x", roles: ["ADMIN"], password: "12345678" }, headers: sameOrigin }),
    page.request.patch(`/api/users/${annotator.id}`, { data: { roles: ["ADMIN"] }, headers: sameOrigin }),
    page.request.patch(`/api/users/${admin.id}`, { data: { active: false }, headers: sameOrigin }),
    page.request.post(`/api/users/${admin.id}/password`, { data: { password: "taken-over-1" }, headers: sameOrigin }),
    page.request.post("/api/projects", { data: { name: `p-${tag()}` }, headers: sameOrigin }),
    page.request.patch(`/api/projects/${project.id}`, { data: { k: 3 }, headers: sameOrigin }),
    page.request.get(`/api/projects/${project.id}/dashboard`),
    page.request.get("/api/audit"),
    page.request.get("/api/audit/actions"),
  ];
  for (const res of await Promise.all(calls)) {
    expect(res.status(), res.url()).toBe(403);
  }
  // nothing changed behind the refusals
  expect((await db.user.findUniqueOrThrow({ where: { id: annotator.id } })).roles).not.toContain("ADMIN");
  expect((await db.user.findUniqueOrThrow({ where: { id: admin.id } })).active).toBe(true);
  expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).k).toBe(4);

  for (const path of ["/admin/users", "/admin/projects", `/admin/projects/${project.id}`, `/admin/projects/${project.id}/settings`, "/admin/audit"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(page.getByText("你没有权限访问此页面。")).toBeVisible();
  }
  // the admin links are not in their navigation either
  await page.goto("/");
  await expect(page.getByRole("link", { name: "用户", exact: true })).toHaveCount(0);

  // signed out: 401, not 403
  await page.context().clearCookies();
  expect((await page.request.get("/api/users")).status()).toBe(401);
});
