import { createHash } from "node:crypto";
import { sameAnswer } from "../import/answer-text";
import { expandPairs, rankResponses, type CanonicalCandidate } from "./ranked-responses";

// Pure: builds the three JSONL files of a snapshot (docs/formats.md "Export") from plain data.

import type { ChatMessage } from "../chat";
export type { ChatMessage };

export type ExportRanking = {
  id: string;
  annotatorId: string;
  ranks: number[];
  flags: unknown;
  replacement: string | null;
  comment: string | null;
  durationMs: number;
  createdAt: Date;
};

/** A FINAL item with everything the files need. */
export type ExportItem = {
  id: string;
  prompt: ChatMessage[];
  dialogueExternalId: string;
  turnIndex: number;
  department: string | null;
  dialogueKind: string;
  candidates: CanonicalCandidate[];
  finalRanks: number[];
  finalReplacement: string | null;
  adjudicated: boolean;
  adjudicatorId: string | null;
  rankings: ExportRanking[];
};

export type SnapshotInfo = { id: string; version: number; projectId: string; projectName: string };

export type SnapshotCounts = { items: number; adjudicated: number; replacements: number; pairs: number; rawRankings: number };

export type SnapshotFiles = { rankings: string; pairs: string; raw: string; counts: SnapshotCounts };

export const line = (value: unknown) => JSON.stringify(value) + "\n";

/** One line of rankings.jsonl (RM input). */
export function rankingLine(item: ExportItem, snap: SnapshotInfo) {
  const ranked = rankResponses(item.candidates, item.finalRanks, item.finalReplacement);
  return {
    id: item.id,
    messages: item.prompt,
    responses: ranked.responses,
    ranks: ranked.ranks,
    meta: {
      project: snap.projectId,
      project_name: snap.projectName,
      dialogue_id: item.dialogueExternalId,
      turn: item.turnIndex,
      department: item.department,
      kind: item.dialogueKind,
      annotators: [...new Set(item.rankings.map((r) => r.annotatorId))],
      adjudicated: item.adjudicated,
      adjudicator: item.adjudicatorId,
      replacement: item.finalReplacement !== null,
      snapshot: snap.id,
      snapshot_version: snap.version,
      sources: ranked.sources,
      positions: ranked.positions,
    },
  };
}

/**
 * The lines of pairs.jsonl for one ranking line: TRL's conversational preference format. A pair
 * whose two answers are the same text (answer-text.ts; items imported before repeats were dropped)
 * is left out: it teaches a reward model nothing and contradicts itself.
 */
export function pairLines(r: ReturnType<typeof rankingLine>) {
  const distinct = expandPairs(r.ranks).filter(([i, j]) => !sameAnswer(r.responses[i], r.responses[j]));
  return distinct.map(([i, j]) => ({
    prompt: r.messages,
    chosen: [{ role: "assistant", content: r.responses[i] }],
    rejected: [{ role: "assistant", content: r.responses[j] }],
    meta: {
      item: r.id,
      pair: [i, j],
      ranks: [r.ranks[i], r.ranks[j]],
      sources: [r.meta.sources[i], r.meta.sources[j]],
      project: r.meta.project,
      dialogue_id: r.meta.dialogue_id,
      turn: r.meta.turn,
      snapshot: r.meta.snapshot,
    },
  }));
}

/** One line of raw.jsonl: one annotator's submitted ranking (skips are not rankings). */
export function rawLine(item: ExportItem, ranking: ExportRanking, snap: SnapshotInfo) {
  const ranked = rankResponses(item.candidates, ranking.ranks, ranking.replacement);
  return {
    item: item.id,
    ranking: ranking.id,
    annotator: ranking.annotatorId,
    ranks: ranking.ranks,
    candidates: [...item.candidates].sort((a, b) => a.position - b.position).map((c) => ({ position: c.position, text: c.text, source: c.source })),
    responses: ranked.responses,
    response_ranks: ranked.ranks,
    flags: ranking.flags ?? {},
    replacement: ranking.replacement,
    comment: ranking.comment,
    duration_ms: ranking.durationMs,
    created_at: ranking.createdAt.toISOString(),
    meta: { project: snap.projectId, dialogue_id: item.dialogueExternalId, turn: item.turnIndex, snapshot: snap.id },
  };
}

/** Builds the three files from items already in the order the files should have. */
export function buildSnapshotFiles(items: Iterable<ExportItem>, snap: SnapshotInfo): SnapshotFiles {
  const rankings: string[] = [];
  const pairs: string[] = [];
  const raw: string[] = [];
  const counts: SnapshotCounts = { items: 0, adjudicated: 0, replacements: 0, pairs: 0, rawRankings: 0 };
  for (const item of items) {
    const r = rankingLine(item, snap);
    rankings.push(line(r));
    for (const p of pairLines(r)) pairs.push(line(p));
    for (const ranking of item.rankings) raw.push(line(rawLine(item, ranking, snap)));
    counts.items++;
    if (item.adjudicated) counts.adjudicated++;
    if (item.finalReplacement !== null) counts.replacements++;
  }
  counts.pairs = pairs.length;
  counts.rawRankings = raw.length;
  return { rankings: rankings.join(""), pairs: pairs.join(""), raw: raw.join(""), counts };
}

/** The snapshot's hash: sha256 of rankings.jsonl, pairs.jsonl and raw.jsonl concatenated, in that order
 *  (`cat rankings.jsonl pairs.jsonl raw.jsonl | sha256sum` reproduces it). */
export function snapshotHash(files: Pick<SnapshotFiles, "rankings" | "pairs" | "raw">): string {
  return createHash("sha256").update(files.rankings).update(files.pairs).update(files.raw).digest("hex");
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
