// What the admin's gold page shows: the rate, the gold items with how annotators did on each,
// items that could become gold (open, nobody has ranked them), and one item's candidates for
// setting its expected order. Candidates carry the stable labels every reviewer sees
// (adjudication/stable-labels.ts).
import "server-only";
import { db } from "../db";
import { AppError } from "../errors";
import { splitPrompt } from "../assignment/prompt";
import { pairAgreement } from "../metrics/quality";
import { stableLabels, orderText, reviewOrder } from "../adjudication/stable-labels";

const EXCERPT_CHARS = 80;
const AVAILABLE_SHOWN = 20;

export type GoldItemRow = {
  itemId: string;
  excerpt: string;
  /** the expected order in stable labels, e.g. "B > A > D > C" */
  expected: string;
  rankings: number;
  /** share of decided candidate pairs the annotators got right, over all rankings of the item */
  accuracy: number | null;
};

export type GoldOverview = {
  projectId: string;
  projectName: string;
  rate: number;
  items: GoldItemRow[];
  /** open items nobody has ranked: the ones that may become gold (oldest first, the first few) */
  available: { itemId: string; excerpt: string }[];
  availableTotal: number;
};

export type GoldItemDetail = {
  itemId: string;
  status: string;
  k: number;
  allowTies: boolean;
  patientMessage: string;
  candidates: { position: number; label: string; text: string }[];
  goldRanks: number[];
};

const excerptOf = (itemId: string, prompt: unknown) => {
  const { patientMessage } = splitPrompt(itemId, prompt);
  return patientMessage.length > EXCERPT_CHARS ? `${patientMessage.slice(0, EXCERPT_CHARS)}…` : patientMessage;
};

export async function listGold(opts: { projectId: string }): Promise<GoldOverview> {
  const project = await db.project.findUnique({ where: { id: opts.projectId }, select: { id: true, name: true, goldRate: true } });
  if (!project) throw new AppError("NOT_FOUND", `Project ${opts.projectId} not found`);
  const availableWhere = { projectId: project.id, status: "OPEN" as const, rankingCount: 0 };
  const [gold, available, availableTotal] = await Promise.all([
    db.item.findMany({
      where: { projectId: project.id, status: "GOLD" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, prompt: true, goldRanks: true, rankings: { select: { ranks: true } } },
    }),
    db.item.findMany({ where: availableWhere, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: AVAILABLE_SHOWN, select: { id: true, prompt: true } }),
    db.item.count({ where: availableWhere }),
  ]);
  return {
    projectId: project.id,
    projectName: project.name,
    rate: project.goldRate,
    items: gold.map((g) => {
      const tally = g.rankings.reduce(
        (t, r) => {
          const c = pairAgreement(r.ranks, g.goldRanks, "b");
          return { n: t.n + c.n, agree: t.agree + c.agree };
        },
        { n: 0, agree: 0 },
      );
      return {
        itemId: g.id,
        excerpt: excerptOf(g.id, g.prompt),
        expected: orderText(g.goldRanks, stableLabels(g.id, g.goldRanks.length)),
        rankings: g.rankings.length,
        accuracy: tally.n ? tally.agree / tally.n : null,
      };
    }),
    available: available.map((i) => ({ itemId: i.id, excerpt: excerptOf(i.id, i.prompt) })),
    availableTotal,
  };
}

export async function getGoldItem(opts: { projectId: string; itemId: string }): Promise<GoldItemDetail> {
  const item = await db.item.findFirst({
    where: { id: opts.itemId, projectId: opts.projectId },
    select: {
      id: true,
      status: true,
      prompt: true,
      goldRanks: true,
      project: { select: { k: true, allowTies: true } },
      candidates: { select: { position: true, text: true }, orderBy: { position: "asc" } },
    },
  });
  if (!item) throw new AppError("NOT_FOUND", `No item ${opts.itemId} in this project`);
  const labels = stableLabels(item.id, item.candidates.length);
  return {
    itemId: item.id,
    status: item.status,
    k: item.project.k,
    allowTies: item.project.allowTies,
    patientMessage: splitPrompt(item.id, item.prompt).patientMessage,
    candidates: reviewOrder(item.id, item.candidates.length).map((position) => ({ position, label: labels.get(position)!, text: item.candidates[position].text })),
    goldRanks: item.goldRanks,
  };
}
