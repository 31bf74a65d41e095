// The Reward models page: an admin registers a folder exported by the trainer (a real tiny RM,
// trained and exported to ONNX by the trainer) and sees it listed as ready with its formats and
// held-out figures; a folder without a manifest is refused, naming the file; the model can be deleted.
import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { tinyRewardModel } from "@/app/_lib/testing/reward-model-fixture";
import { expect, sameOrigin, signedInAs, test } from "./fixtures";
import { e2e } from "./settings";

test.describe.configure({ timeout: 300_000 }); // the first run builds the tiny model with the trainer

test("an admin registers an exported folder, sees it ready, and deletes it", async ({ page }) => {
  const exported = await tinyRewardModel();
  const dir = path.join(mkdtempSync(path.join(tmpdir(), "medrank-e2e-rm-")), "onnx");
  cpSync(exported, dir, { recursive: true });
  const heldOut = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")).held_out;
  await signedInAs(page, ["ADMIN"]);
  await page.context().addCookies([{ name: "medrank-locale", value: "en", url: e2e.baseURL }]);

  await page.goto("/admin/reward-models");
  await expect(page.getByRole("heading", { name: "Reward models", level: 1 })).toBeVisible();
  const folder = page.getByLabel("Folder (absolute path on the app's host)");

  // a folder without a manifest is refused, naming the file
  await folder.fill(path.dirname(dir));
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "manifest.json not found" })).toBeVisible();

  const name = `tiny ${path.basename(path.dirname(dir))}`;
  await folder.fill(dir);
  await page.getByLabel("Name (optional)").fill(name);
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByRole("status")).toContainText(`Registered: ${name}`);

  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("Ready");
  await expect(row).toContainText("fp32 · int8");
  await expect(row).toContainText(`accuracy ${heldOut.pairwise_accuracy.toFixed(3).replace("-", "−")}`);
  await expect(row).toContainText("registered folder");

  // the server scores with it in its worker thread: the trainer's PyTorch scores, to 1e-4
  const listed = (await (await page.request.get("/api/reward-models")).json()).rewardModels.find((m: { name: string }) => m.name === name);
  const reference = readFileSync(path.join(dir, "reference.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l))
    .filter((r: { messages: { role: string }[] }) => r.messages.every((m) => m.role !== "system")) // the app's dialogues have no system turn
    .slice(0, 8);
  const res = await page.request.post(`/api/reward-models/${listed.id}/score`, {
    headers: sameOrigin,
    data: { inputs: reference.map((r: { messages: unknown; answer: string }) => ({ messages: r.messages, answer: r.answer })) },
  });
  expect(res.status()).toBe(200);
  const { scores } = await res.json();
  scores.forEach((s: { raw: number }, i: number) => expect(Math.abs(s.raw - reference[i].raw)).toBeLessThan(1e-4));

  await row.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(0);
});
