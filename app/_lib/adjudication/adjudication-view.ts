// What an adjudicator sees (JSON of the adjudication endpoints).
// Annotators are anonymised as #1, #2, … in the order they submitted: the
// adjudicator should weigh the rankings, not the people (who are in the audit log
// for admins). Candidates carry their stable label (stable-labels.ts): the same
// letter for every adjudicator, and in the annotators' comments.
import type { ChatMessage } from "../assignment/assignment-view";
import type { CandidateFlags } from "../ranking/flags";
import type { PairRow } from "./pair-matrix";
import type { CommentPart } from "./stable-labels";

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
  /** the comment with the candidate letters the annotator wrote mapped to the stable labels */
  commentParts: CommentPart[] | null;
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
  /** the K candidates in stable-label order (A, B, …): the same for every adjudicator */
  candidates: { position: number; label: string; text: string }[];
  rankings: AnonymisedRanking[];
  /** why the item is disputed under the project's rule */
  reason: "replacement" | "order" | "top" | "kendall" | null;
  meanTau: number | null;
  /** candidate position pairs whose relative order the rankings do not agree on */
  discordantPairs: [number, number][];
  /** every candidate pair in label order: each ranking's preference, agree or not */
  pairs: PairRow[];
  /** set once the item is FINAL */
  decision: {
    adjudicationId: string;
    byMe: boolean;
    ranks: number[];
    replacement: string | null;
    adoptedLabel: string | null;
    note: string;
    createdAt: string;
    /** until when its adjudicator may still undo it (null: not theirs, or the window has closed) */
    undoUntil: string | null;
  } | null;
  /**
   * The adjudication aid (Project.showRmAfterAdjudication): the project's reward model's order of
   * the candidates, sent only once the item has its decision — never before, so it cannot anchor
   * the decision. ranks null: the model has not scored every candidate yet.
   */
  rmOrder: { rewardModelName: string; ranks: number[] | null } | null;
  /** whether the aid is on for this project (the page then stays on the item after the decision, to show the order) */
  rmAid: boolean;
};

/** POST …/adjudications/[itemId]: the decision (AdjudicationResult), and the next disputed item for the same adjudicator. */
export type AdjudicationNext = { nextItemId: string | null };
