// Which sampled candidates a sampling run may attach: only to items it pinned at launch, only
// while they still await candidates, only as many as each still lacks (K − what it has), without
// texts it already holds. Pure, so the rule is unit-tested without a database.
import { AppError } from "@/app/_lib/errors";

export type SampledItem = { id: string; status: string; texts: string[] };
export type CandidateLine = { item_id: string; candidates: { text: string; source: string }[] };
export type SkippedItem = { itemId: string; reason: string };

export function planSampledCandidates(opts: {
  records: unknown[];
  pinnedItemIds: string[];
  items: SampledItem[];
  k: number;
}): { lines: CandidateLine[]; skipped: SkippedItem[] } {
  const pinned = new Set(opts.pinnedItemIds);
  const items = new Map(opts.items.map((i) => [i.id, i]));
  const lines: CandidateLine[] = [];
  const skipped: SkippedItem[] = [];
  const seen = new Set<string>();
  opts.records.forEach((value, index) => {
    const where = `records[${index}]`;
    const rec = value as { item_id?: unknown; candidates?: unknown };
    if (!rec || typeof rec !== "object" || typeof rec.item_id !== "string") {
      throw new AppError("VALIDATION", `${where}: field 'item_id' must be the id of an item of this run`);
    }
    if (!pinned.has(rec.item_id)) throw new AppError("VALIDATION", `${where}: item ${rec.item_id} is not one of this run's items`);
    if (!Array.isArray(rec.candidates)) throw new AppError("VALIDATION", `${where}: field 'candidates' must be a list of {text, source}`);
    const parsed = rec.candidates.map((c, j) => {
      const cand = c as { text?: unknown; source?: unknown };
      if (!cand || typeof cand.text !== "string" || typeof cand.source !== "string") {
        throw new AppError("VALIDATION", `${where}.candidates[${j}]: needs string fields 'text' and 'source'`);
      }
      return { text: cand.text, source: cand.source };
    });
    if (seen.has(rec.item_id)) throw new AppError("VALIDATION", `${where}: item ${rec.item_id} appears twice in this batch`);
    seen.add(rec.item_id);
    const item = items.get(rec.item_id);
    if (!item) return skipped.push({ itemId: rec.item_id, reason: "the item was deleted" });
    if (item.status !== "AWAITING_CANDIDATES") return skipped.push({ itemId: item.id, reason: `the item is ${item.status}` });
    const have = new Set(item.texts.map((t) => t.trim()));
    const fresh: { text: string; source: string }[] = [];
    for (const c of parsed) {
      const text = c.text.trim();
      if (!text || have.has(text)) continue;
      have.add(text);
      fresh.push({ text, source: c.source });
    }
    const wanted = opts.k - item.texts.length;
    if (fresh.length < wanted) {
      return skipped.push({ itemId: item.id, reason: `only ${fresh.length} new distinct candidates for the ${wanted} it lacks` });
    }
    lines.push({ item_id: item.id, candidates: fresh.slice(0, wanted) });
  });
  return { lines, skipped };
}
