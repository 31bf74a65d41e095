// Training runs end to end: a real trainer agent process (the Python package, on the CPU, with a
// TINY random model) claims runs launched in the browser. Runs are kept to a few steps.
import { mkdtempSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { db } from "@/app/_lib/db";
import { listAgents } from "@/app/_lib/runs/agent-tokens";
import { launchRun } from "@/app/_lib/runs/launch-run";
import { launchRunSchema } from "@/app/_lib/runs/launch-run.schema";
import { createProject } from "@/app/_lib/testing/factories";
import { e2e } from "./settings";
import { expect, signedInAs, test, type TestUser } from "./fixtures";
import { type Agent, asCaller, startAgent, stopAgent, tinyModel, useTrainer } from "./trainer-agent";

test.describe.configure({ mode: "serial" });
useTrainer();

/** 12 final rankings of K=4 Chinese answers, frozen as snapshot v1 of a new project. */
async function projectWithSnapshot() {
  const project = await createProject();
  const lines = Array.from({ length: 12 }, (_, i) =>
    JSON.stringify({
      id: `item-${i}`,
      messages: [{ role: "user", content: `医生您好，我头痛发热${i + 1}天了，需要去医院吗？` }],
      responses: [`建议多喝水、休息，若高热不退请及时就医。（${i}）`, `可以先观察。（${i}）`, `吃点抗生素就好。（${i}）`, `不用管。（${i}）`],
      ranks: [1, 2, 3, 4],
    }),
  );
  const snapshot = await db.snapshot.create({
    data: { projectId: project.id, version: 1, contentHash: "e2e", counts: { items: 12 }, rankings: lines.join("\n") + "\n", pairs: "", raw: "" },
  });
  return { project, snapshot };
}

/** Queues an RM run through the app's own launch function (the form itself is exercised in the first test). */
async function queueRm(admin: TestUser, opts: { projectId: string; snapshotId: string; maxSteps: number; maxAttempts?: number }) {
  const input = launchRunSchema.parse({
    kind: "RM",
    projectId: opts.projectId,
    modelPath: tinyModel,
    maxAttempts: opts.maxAttempts ?? 3,
    snapshot: { mode: "existing", snapshotId: opts.snapshotId },
    config: { max_steps: opts.maxSteps, per_device_batch_size: 2, eval_every: 2, save_every: 2, max_length: 128 },
  });
  return launchRun({ caller: asCaller(admin), input });
}

const status = (page: Page) => page.getByTestId("run-status");
const points = async (page: Page) => Number((await page.getByTestId("metric-points").textContent())?.match(/\d+/)?.[0] ?? 0);

/** Queues a PPO run on a finished RM run: tiny batches, short answers, samples from step 1. */
async function queuePpo(admin: TestUser, opts: { projectId: string; snapshotId: string; rewardRunId: string; steps: number }) {
  const input = launchRunSchema.parse({
    kind: "PPO",
    projectId: opts.projectId,
    modelPath: tinyModel,
    rewardRunId: opts.rewardRunId,
    snapshot: { mode: "existing", snapshotId: opts.snapshotId },
    config: { total_steps: opts.steps, batch_size: 2, mini_batch_size: 2, ppo_epochs: 1, max_new_tokens: 12, max_prompt_tokens: 64, save_every: 1000 },
  });
  return launchRun({ caller: asCaller(admin), input });
}

/** Ends whatever a failed test left running, so the next test's agent does not pick it up. */
async function cancelLeftovers(projectId: string) {
  await db.run.updateMany({ where: { projectId, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "CANCELLED", leaseExpiresAt: null } });
}

test("an admin launches a reward-model run; the agent trains it, the chart fills while it runs, it ends with its artifacts", async ({ page }) => {
  test.setTimeout(600_000);
  const admin = await signedInAs(page, ["ADMIN"]);
  const { project } = await projectWithSnapshot();
  const agent = await startAgent(admin, "agent");
  try {
    await page.goto("/admin/runs");
    await page.getByRole("link", { name: "训练奖励模型" }).click();
    await expect(page.getByRole("heading", { name: "启动训练任务" })).toBeVisible({ timeout: 60_000 }); // first visit compiles in dev
    await page.getByLabel("项目").selectOption(project.id);
    await expect(page.getByRole("radio", { name: "已冻结的快照" })).toBeChecked(); // the project has no final rankings of its own
    await page.getByLabel("快照", { exact: true }).selectOption({ label: "v1（12 条）" });
    await page.getByLabel("基础模型目录（训练主机上）").fill(tinyModel);
    await page.getByLabel("max_steps").fill("abc");
    await page.getByRole("button", { name: "启动" }).click();
    // the shared schema names the bad field before anything is sent
    await expect(page.locator(".error").first()).toBeVisible();
    // long enough (a few tens of seconds) that the page sees it running, short for a test
    await page.getByLabel("max_steps").fill("60");
    await page.getByLabel("per_device_batch_size").fill("2");
    await page.getByLabel("eval_every").fill("20");
    await page.getByLabel("save_every").fill("40");
    await page.getByLabel("max_length").fill("128");
    await page.getByRole("button", { name: "启动" }).click();
    // (a dev server compiles the run page on its first visit: allow for it)
    await expect(page).toHaveURL(/\/admin\/runs\/[a-z0-9]+$/, { timeout: 60_000 });
    await expect(page.getByText(`/${path.basename(tinyModel)}`)).toBeVisible();

    // while the run trains, its chart already holds points
    await expect
      .poll(async () => (await status(page).getAttribute("data-status")) === "RUNNING" && (await points(page)) > 0, { timeout: 180_000, intervals: [500] })
      .toBe(true);
    await expect(page.getByTestId("chart-loss/rm")).toBeVisible();

    await expect(status(page)).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 360_000 });
    await expect(page.getByTestId("run-step")).toContainText("第 60 / 60 步");
    // the page leads with the kept (best) checkpoint's held-out accuracy, not the last value
    const done = await db.run.findFirstOrThrow({ where: { projectId: project.id } });
    const summary = done.summary as { best_step: number; best_eval: Record<string, number>; counts: { validation: number } };
    const best = page.getByTestId("headline-best-accuracy");
    await expect(best).toContainText(summary.best_eval["reward/accuracy"].toFixed(3));
    await expect(best).toContainText(`第 ${summary.best_step} 步`);
    await expect(page.getByTestId("headline-validation")).toContainText(String(summary.counts.validation));
    const artifacts = page.getByTestId("run-artifacts");
    await expect(artifacts).toContainText("best/head.safetensors");
    await expect(artifacts).toContainText("metrics.jsonl");
    await expect(page.getByTestId("run-log")).toContainText("reward model trained: 60 steps");

    // the run lists as succeeded, and a comparison view draws it
    await page.goto("/admin/runs");
    const runId = (await db.run.findFirstOrThrow({ where: { projectId: project.id } })).id;
    await expect(page.getByTestId(`run-row-${runId}`).getByTestId("run-status")).toHaveAttribute("data-status", "SUCCEEDED");
    await page.goto(`/admin/runs/compare?ids=${runId}`);
    await expect(page.getByTestId("chart-loss/rm")).toBeVisible();
  } finally {
    await stopAgent(agent);
    await cancelLeftovers(project.id);
  }
});

test("a cancelled run stops its trainer and ends cancelled", async ({ page }) => {
  test.setTimeout(240_000);
  const admin = await signedInAs(page, ["ADMIN"]);
  const { project, snapshot } = await projectWithSnapshot();
  const run = await queueRm(admin, { projectId: project.id, snapshotId: snapshot.id, maxSteps: 5000 });
  const agent = await startAgent(admin, "agent");
  try {
    await page.goto(`/admin/runs/${run.id}`);
    await expect.poll(() => points(page), { timeout: 180_000, intervals: [500] }).toBeGreaterThan(0);
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "取消任务" }).click();
    await expect(status(page)).toHaveAttribute("data-status", "CANCELLED", { timeout: 60_000 });
    await expect(page.getByTestId("run-log")).toContainText("cancel requested: terminating the trainer");
    const row = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.step).toBeLessThan(5000);
  } finally {
    await stopAgent(agent);
    await cancelLeftovers(project.id);
  }
});

test("an agent killed mid-run: the lease lapses, the run is requeued, and a new agent resumes it from its checkpoint", async ({ page }) => {
  test.setTimeout(300_000);
  const admin = await signedInAs(page, ["ADMIN"]);
  const { project, snapshot } = await projectWithSnapshot();
  // long enough to be killed mid-run, with a checkpoint every 2 steps to resume from
  const run = await queueRm(admin, { projectId: project.id, snapshotId: snapshot.id, maxSteps: 80, maxAttempts: 2 });
  const workdir = mkdtempSync(path.join(tmpdir(), "medrank-agent-"));
  const first = await startAgent(admin, "agent-killed", { workdir });
  let second: Agent | undefined;
  try {
    await page.goto(`/admin/runs/${run.id}`);
    // past the first checkpoint (every 2 steps), then the agent dies without a word
    await expect.poll(async () => (await db.run.findUniqueOrThrow({ where: { id: run.id } })).step, { timeout: 180_000, intervals: [500] }).toBeGreaterThanOrEqual(3);
    await stopAgent(first, "SIGKILL");

    // the page shows the lapse (detected when the run is read) and the run back in the queue
    await expect(page.getByTestId("run-error")).toContainText("lease lapsed", { timeout: 60_000 });
    await expect(page.getByTestId("run-error")).toContainText("requeued (attempt 2 of 2 next)");
    await expect(status(page)).toHaveAttribute("data-status", "QUEUED");

    second = await startAgent(admin, "agent-resumed", { workdir });
    await expect(status(page)).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 180_000 });
    await expect(page.getByTestId("run-log")).toContainText("resuming (--resume)");
    const row = await db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.attempts).toBe(2);
    const summary = row.summary as { resumed_from_step?: number } | null;
    expect(summary?.resumed_from_step ?? 0).toBeGreaterThanOrEqual(2);
  } finally {
    await stopAgent(first, "SIGKILL");
    if (second) await stopAgent(second);
    await cancelLeftovers(project.id);
  }
});

test("a PPO run shows its progress bar in the log and its samples while it trains", async ({ page }) => {
  test.setTimeout(720_000);
  const admin = await signedInAs(page, ["ADMIN"]);
  const { project, snapshot } = await projectWithSnapshot();
  const agent = await startAgent(admin, "agent-ppo");
  try {
    const rm = await queueRm(admin, { projectId: project.id, snapshotId: snapshot.id, maxSteps: 4 });
    await expect.poll(async () => (await db.run.findUniqueOrThrow({ where: { id: rm.id } })).status, { timeout: 180_000, intervals: [500] }).toBe("SUCCEEDED");
    const ppo = await queuePpo(admin, { projectId: project.id, snapshotId: snapshot.id, rewardRunId: rm.id, steps: 160 });
    await page.goto(`/admin/runs/${ppo.id}`);
    const log = page.getByTestId("run-log");
    const running = async () => (await status(page).getAttribute("data-status")) === "RUNNING";

    // the trainer's progress bar arrives while the run goes on, not when the trainer exits
    await expect
      .poll(async () => (await running()) && /ppo:\s+\d+%/.test((await log.textContent()) ?? ""), { timeout: 240_000, intervals: [500] })
      .toBe(true);
    // the samples table fills while it trains: the prompt and the policy's answer
    await expect
      .poll(async () => (await running()) && (await page.getByTestId("run-samples").locator("tbody tr").count()) > 0, { timeout: 120_000, intervals: [500] })
      .toBe(true);
    await expect(page.getByTestId("run-samples")).toContainText("医生您好");

    await expect(status(page)).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 420_000 });
    // the bar stayed one line, updated in place to its end
    const bars = log.locator("div", { hasText: /ppo:\s+\d+%/ });
    await expect(bars).toHaveCount(1);
    await expect(bars).toContainText("100%");
    await expect(page.getByTestId("headline-reward")).toContainText("→");
  } finally {
    await stopAgent(agent);
    await cancelLeftovers(project.id);
  }
});

test("the agents page shows an agent online with its host, then offline after it stops; a queued run says why it waits", async ({ page }) => {
  test.setTimeout(240_000);
  const admin = await signedInAs(page, ["ADMIN"]);
  const { project, snapshot } = await projectWithSnapshot();
  const agent = await startAgent(admin, "agent-presence");
  try {
    await page.goto("/admin/agents");
    const row = page.getByTestId("agent-row-e2e agent-presence");
    await expect(row.getByTestId("agent-presence")).toHaveAttribute("data-online", "true", { timeout: 60_000 });
    await expect(row).toContainText(hostname());
    await expect(row.getByTestId("agent-gpus")).toContainText("无 GPU");

    await stopAgent(agent);
    // no contact for three poll intervals (plus the app's 10 s write throttle): offline
    await expect(row.getByTestId("agent-presence")).toHaveAttribute("data-online", "false", { timeout: 90_000 });
    await expect(row.getByTestId("agent-presence")).toHaveText("离线");

    // with every agent offline, a queued run says so
    await expect.poll(async () => (await listAgents()).filter((a) => a.online).length, { timeout: 60_000, intervals: [1000] }).toBe(0);
    const run = await queueRm(admin, { projectId: project.id, snapshotId: snapshot.id, maxSteps: 4 });
    await page.goto(`/admin/runs/${run.id}`);
    await expect(page.getByTestId("queue-wait")).toContainText("没有在线的训练代理");
  } finally {
    await stopAgent(agent);
    await cancelLeftovers(project.id);
  }
});
