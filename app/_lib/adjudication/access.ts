// Who may see and settle a disputed item: an adjudicator who did not rank it.
// Items still OPEN are invisible here (404): their rankings are blind until all
// are in. FINAL items stay readable only when they were adjudicated, so a second
// adjudicator who lost a race can see what was decided.
import "server-only";
import type { Db, Tx } from "../db";
import { AppError } from "../errors";

export async function assertMayAdjudicate(
  client: Db | Tx,
  opts: { itemId: string; projectId: string; adjudicatorId: string },
): Promise<{ status: "ADJUDICATION" | "FINAL" }> {
  const item = await client.item.findFirst({
    where: {
      id: opts.itemId,
      projectId: opts.projectId,
      OR: [{ status: "ADJUDICATION" }, { status: "FINAL", adjudicated: true }],
    },
    select: { status: true, rankings: { where: { annotatorId: opts.adjudicatorId }, select: { id: true } } },
  });
  if (!item) throw new AppError("NOT_FOUND", `Item ${opts.itemId} is not awaiting adjudication in this project`);
  if (item.rankings.length > 0) {
    throw new AppError("FORBIDDEN", "You ranked this item yourself; another adjudicator must decide it");
  }
  return { status: item.status as "ADJUDICATION" | "FINAL" };
}
