// What an annotator sees of an assignment (JSON of the assignment endpoints).
// Blind by construction: nothing here tells whether anyone else ranked the item,
// how many did, or what the item's status is.
import type { CandidateFlags } from "../ranking/flags";
import type { DraftView } from "./draft.schema";

import type { ChatMessage } from "../chat";
export type { ChatMessage };

export type AssignmentState = "ACTIVE" | "SUBMITTED" | "SKIPPED" | "EXPIRED";

export type AssignmentView = {
  id: string;
  /** EXPIRED also when the lease lapsed and no sweep has marked it yet */
  status: AssignmentState;
  leaseExpiresAt: string;
  project: { id: string; name: string; k: number; allowTies: boolean; guidelines: string };
  item: {
    id: string;
    turnIndex: number;
    department: string | null;
    /** the conversation before the patient's current message */
    history: ChatMessage[];
    /** the patient's current message (the one the candidates answer) */
    patientMessage: string;
  };
  /** the K candidates in this annotator's display order */
  candidates: { position: number; text: string }[];
  /** the annotator's own ranking once submitted */
  ranking: OwnRanking | null;
  /** unsubmitted work saved as the annotator worked (null once submitted or skipped) */
  draft: DraftView | null;
  skipReason: string | null;
};

export type OwnRanking = {
  id: string;
  ranks: number[];
  flags: CandidateFlags;
  replacement: string | null;
  comment: string | null;
  durationMs: number;
  createdAt: string;
};

export type NextItemResult = { assignment: AssignmentView | null };

export type QueueStats = {
  projectId: string;
  /** items this annotator could still be given now */
  available: number;
  submitted: number;
  skipped: number;
  /** the annotator's current unexpired lease in this project, if any */
  activeAssignmentId: string | null;
};
