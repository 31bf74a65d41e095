// What an adjudicator sees (JSON of the adjudication endpoints).
// Annotators are anonymised as #1, #2, … in the order they submitted: the
// adjudicator should weigh the rankings, not the people (who are in the audit log
// for admins).
import type { ChatMessage } from "../assignment/assignment-view";
import type { CandidateFlags } from "../ranking/flags";

export type AdjudicationQueueEntry = {
  itemId: string;
  turnIndex: number;
  department: string | null;
  /** the start of the patient's current message */
  excerpt: string;
  rankingCount: number;
  createdAt: string;
};

export type AdjudicationQueue = { projectId: string; total: number; items: AdjudicationQueueEntry[] };

export type AdjudicationProject = { id: string; name: string; pending: number };

export type AnonymisedRanking = {
  id: string;
  /** "#1", "#2", … by submission order */
  label: string;
  ranks: number[];
  flags: CandidateFlags;
  replacement: string | null;
  comment: string | null;
  durationMs: number;
};

export type AdjudicationItemView = {
  project: { id: string; name: string; k: number; allowTies: boolean; disagreementRule: "ANY_ORDER" | "TOP1" | "KENDALL"; kendallThreshold: number | null };
  item: {
    id: string;
    status: "ADJUDICATION" | "FINAL";
    turnIndex: number;
    department: string | null;
    history: ChatMessage[];
    patientMessage: string;
  };
  /** the K candidates in this adjudicator's display order */
  candidates: { position: number; text: string }[];
  rankings: AnonymisedRanking[];
  /** why the item is disputed under the project's rule */
  reason: "replacement" | "order" | "top" | "kendall" | null;
  meanTau: number | null;
  /** candidate position pairs whose relative order the rankings do not agree on */
  discordantPairs: [number, number][];
  /** set once the item is FINAL */
  decision: {
    adjudicationId: string;
    byMe: boolean;
    ranks: number[];
    replacement: string | null;
    adoptedLabel: string | null;
    note: string;
    createdAt: string;
  } | null;
};
