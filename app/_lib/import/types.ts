// Normalised shapes every import format is turned into before anything touches the database.
// Parsers (cmtmedqa.ts, zhongjing.ts, candidates-jsonl.ts) produce these; plan-batch.ts consumes them.

import type { ChatMessage, ChatRole } from "../chat";
export type { ChatMessage, ChatRole };

/** One candidate answer as it arrives in a file; `source` is kept verbatim (provenance). */
export type CandidateInput = { text: string; source: string };

/** One patient message and the doctor's real answer to it (null when the source has none). */
export type DialogueTurn = { patient: string; doctor: string | null };

/** A whole conversation (CMtMedQA record, Zhongjing record): cut into one item per turn on import. */
export type DialogueRecord = {
  type: "dialogue";
  externalId: string;
  kind: "dialogue" | "safety";
  department: string | null;
  subDepartment: string | null;
  turns: DialogueTurn[];
  /**
   * The id was derived from the content (safety probes have none): an exact repeat in the same
   * file is numbered ("…-2") rather than refused — the published sample repeats five probes.
   */
  idFromContent?: boolean;
  /**
   * Which turns become items: "all" (CMtMedQA: every turn is rankable) or "last" (Zhongjing: the
   * history is context, only the query is ranked). Default "all".
   */
  rankedTurns?: "all" | "last";
  /** Candidates the file itself supplies, per turn (Zhongjing: response_0…n for the last turn). */
  candidates: Map<number, CandidateInput[]>;
};

/** Candidates JSONL, new-turn form: one turn of a dialogue (created when the app does not have it). */
export type TurnCandidatesRecord = {
  type: "turn";
  dialogueExternalId: string;
  turnIndex: number;
  prompt: ChatMessage[];
  department: string | null;
  candidates: CandidateInput[];
};

/** Candidates JSONL, existing-item form: adds candidates to an item awaiting them. */
export type ItemCandidatesRecord = {
  type: "item";
  itemId: string;
  candidates: CandidateInput[];
};

export type ImportRecord = DialogueRecord | TurnCandidatesRecord | ItemCandidatesRecord;

/** Where a record sits in its file: `index` counts records from 0; `line` (JSONL only) from 1. */
export type RecordRef = { index: number; line?: number; id: string | null };

/** A problem with one record, naming the record and the field. */
export type RecordIssue = RecordRef & { field: string | null; message: string };

export type ImportFormatName = "CMTMEDQA" | "ZHONGJING" | "CANDIDATES_JSONL";

/** How the records are laid out in the file. */
export type FileContainer = "array" | "object-map" | "lines";

/** How candidates are built for records that bring only one real answer per turn (CMtMedQA). */
export type CandidateBuilder = "none" | "reference-distractors";

export type ParseResult<T> = { ok: true; record: T } | { ok: false; issues: RecordIssue[] };
