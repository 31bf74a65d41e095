import { createHash } from "node:crypto";
import { detach } from "./detach";
import { answerKey, dropRepeatedAnswers } from "./answer-text";
import { AnswerPool, referenceWithDistractors } from "./distractors";
import { newId } from "./new-id";
import { issue } from "./record-issue";
import { cutTurns, transcript } from "./turns";
import type {
  CandidateBuilder,
  CandidateInput,
  ChatMessage,
  DialogueRecord,
  ImportRecord,
  ItemCandidatesRecord,
  RecordIssue,
  RecordRef,
  TurnCandidatesRecord,
} from "./types";

// Turns a batch of parsed records into rows to insert, checking every rule that needs the
// database (does the item exist, is it awaiting candidates, would it exceed K, is the dialogue
// already here). The same code runs twice: once to validate the whole file (rows discarded), once
// inside the transaction to write it — so both passes decide exactly alike.

export type ItemStatusName = "AWAITING_CANDIDATES" | "OPEN" | "ADJUDICATION" | "FINAL" | "GOLD";

/** An item already in the project, as the planner needs to see it. */
export type ExistingItem = {
  id: string;
  dialogueId: string;
  status: ItemStatusName;
  prompt: unknown;
  candidateTexts: string[];
};

/** Reads the planner needs, scoped to the project (implemented with Prisma in run-import.ts). */
export interface ImportLookup {
  dialoguesByExternalId(externalIds: string[]): Promise<Map<string, { id: string }>>;
  itemsById(ids: string[]): Promise<Map<string, ExistingItem>>;
  /** keyed by turnKey(dialogueExternalId, turnIndex) */
  itemsByTurn(turns: { dialogueExternalId: string; turnIndex: number }[]): Promise<Map<string, ExistingItem>>;
}

export type DialogueRow = {
  id: string;
  projectId: string;
  externalId: string;
  department: string | null;
  subDepartment: string | null;
  kind: string;
  messages: ChatMessage[];
  importId: string | null;
};
export type ItemRow = {
  id: string;
  projectId: string;
  dialogueId: string;
  turnIndex: number;
  prompt: ChatMessage[];
  referenceAnswer: string | null;
  status: "AWAITING_CANDIDATES" | "OPEN";
};
export type CandidateRow = { id: string; itemId: string; position: number; text: string; source: string };

export type BatchRows = {
  dialogues: DialogueRow[];
  items: ItemRow[];
  candidates: CandidateRow[];
  /** existing items that this batch completed to K candidates */
  openedItemIds: string[];
};

export type ImportCounts = {
  records: number;
  dialogues: number;
  items: number;
  openItems: number;
  candidates: number;
  /** dialogues already in the project (natural key: their id), left as they are */
  skippedDialogues: number;
  /** candidates whose text the item already had, or that repeated an answer of the same record (answer-text.ts) */
  skippedCandidates: number;
  /** earlier turns kept as context only (Zhongjing files rank the last turn): no item, not work to do */
  contextTurns: number;
};

export const emptyCounts = (): ImportCounts => ({
  records: 0,
  dialogues: 0,
  items: 0,
  openItems: 0,
  candidates: 0,
  skippedDialogues: 0,
  skippedCandidates: 0,
  contextTurns: 0,
});

/** An item the file touches, as it stands so far (database state plus earlier records). */
type ItemState = {
  id: string;
  dialogueId: string;
  status: ItemStatusName;
  count: number;
  /** answerKey()s of the texts already on the item (dropped once the item is full: nothing more can be added) */
  texts: Set<string> | null;
  promptKey: string;
  /** the record that created it, when this file did */
  createdBy: RecordRef | null;
};

/** What the planner remembers between batches of one pass. */
export type PlanState = {
  /** dialogue externalId → its id and who made it: this file (a record) or the database */
  dialogues: Map<string, { id: string; createdBy: RecordRef | null }>;
  itemsById: Map<string, ItemState>;
  /** turnKey → item id, for the new-turn form */
  itemsByTurn: Map<string, string>;
  /** ids derived from content → how often this file has had them */
  contentIds: Map<string, number>;
  counts: ImportCounts;
};

export const newPlanState = (): PlanState => ({
  dialogues: new Map(),
  itemsById: new Map(),
  itemsByTurn: new Map(),
  contentIds: new Map(),
  counts: emptyCounts(),
});

export type PlanContext = {
  projectId: string;
  k: number;
  importId: string | null;
  builder: CandidateBuilder;
  seed: string;
  pool: AnswerPool;
  /** "validate": fill the answer pool, draw nothing; "write": build the distractors */
  mode: "validate" | "write";
  lookup: ImportLookup;
};

export type PlannedRecord = { ref: RecordRef; record: ImportRecord };

export const turnKey = (dialogueExternalId: string, turnIndex: number) => `${dialogueExternalId}\u0000${turnIndex}`;

const promptKey = (prompt: unknown) => createHash("sha256").update(JSON.stringify(prompt)).digest("base64");

/** A record's position as kept for the rest of the file (copied: see detach.ts). */
function keptRef(ref: RecordRef): RecordRef {
  return { index: ref.index, line: ref.line, id: ref.id === null ? null : detach(ref.id) };
}

function refText(ref: RecordRef): string {
  return ref.line !== undefined ? `line ${ref.line}` : `record ${ref.index}`;
}

export async function planBatch(batch: PlannedRecord[], state: PlanState, ctx: PlanContext): Promise<{ rows: BatchRows; issues: RecordIssue[] }> {
  const rows: BatchRows = { dialogues: [], items: [], candidates: [], openedItemIds: [] };
  const issues: RecordIssue[] = [];
  numberRepeats(batch, state);
  await preload(batch, state, ctx);

  for (const { ref, record } of batch) {
    state.counts.records++;
    if (record.type === "dialogue") planDialogue(record, ref, state, ctx, rows, issues);
    else if (record.type === "turn") planTurn(record, ref, state, ctx, rows, issues);
    else planItem(record, ref, state, ctx, rows, issues);
  }
  return { rows, issues };
}

/** The n-th exact repeat of a content-derived id becomes "<id>-n": stable across re-imports. */
function numberRepeats(batch: PlannedRecord[], state: PlanState): void {
  for (const { ref, record } of batch) {
    if (record.type !== "dialogue" || !record.idFromContent) continue;
    const n = (state.contentIds.get(record.externalId) ?? 0) + 1;
    state.contentIds.set(record.externalId, n);
    if (n > 1) {
      record.externalId = `${record.externalId}-${n}`;
      ref.id = record.externalId;
    }
  }
}

/** One query per kind for the whole batch, only for keys this pass has not seen yet. */
async function preload(batch: PlannedRecord[], state: PlanState, ctx: PlanContext): Promise<void> {
  const dialogueIds = new Set<string>();
  const itemIds = new Set<string>();
  const turns = new Map<string, { dialogueExternalId: string; turnIndex: number }>();
  for (const { record } of batch) {
    if (record.type === "dialogue" && !state.dialogues.has(record.externalId)) dialogueIds.add(record.externalId);
    if (record.type === "item" && !state.itemsById.has(record.itemId)) itemIds.add(record.itemId);
    if (record.type === "turn") {
      const key = turnKey(record.dialogueExternalId, record.turnIndex);
      if (!state.itemsByTurn.has(key)) turns.set(key, { dialogueExternalId: record.dialogueExternalId, turnIndex: record.turnIndex });
      if (!state.dialogues.has(record.dialogueExternalId)) dialogueIds.add(record.dialogueExternalId);
    }
  }
  // one after the other: inside the import's transaction they share one connection
  const dialogues = dialogueIds.size ? await ctx.lookup.dialoguesByExternalId([...dialogueIds]) : new Map<string, { id: string }>();
  const items = itemIds.size ? await ctx.lookup.itemsById([...itemIds]) : new Map<string, ExistingItem>();
  const turnItems = turns.size ? await ctx.lookup.itemsByTurn([...turns.values()]) : new Map<string, ExistingItem>();
  for (const [externalId, d] of dialogues) state.dialogues.set(externalId, { id: d.id, createdBy: null });
  for (const item of items.values()) rememberExisting(state, item);
  for (const [key, item] of turnItems) {
    rememberExisting(state, item);
    state.itemsByTurn.set(key, item.id);
  }
}

function rememberExisting(state: PlanState, item: ExistingItem): void {
  if (state.itemsById.has(item.id)) return;
  state.itemsById.set(item.id, {
    id: item.id,
    dialogueId: item.dialogueId,
    status: item.status,
    count: item.candidateTexts.length,
    texts: item.status === "AWAITING_CANDIDATES" ? new Set(item.candidateTexts.map(answerKey)) : null,
    promptKey: promptKey(item.prompt),
    createdBy: null,
  });
}

function planDialogue(record: DialogueRecord, ref: RecordRef, state: PlanState, ctx: PlanContext, rows: BatchRows, issues: RecordIssue[]): void {
  const seen = state.dialogues.get(record.externalId);
  if (seen?.createdBy) {
    issues.push(issue(ref, "id", `duplicate id ${record.externalId}: ${refText(seen.createdBy)} has the same id`));
    return;
  }
  if (seen) {
    // natural key: the dialogue is in the project already (an earlier import) — leave it alone
    state.counts.skippedDialogues++;
    return;
  }
  const dialogueId = newId();
  state.dialogues.set(detach(record.externalId), { id: dialogueId, createdBy: keptRef(ref) });
  if (ctx.mode === "validate" && ctx.builder === "reference-distractors") ctx.pool.addDialogue(record);

  const allTurns = cutTurns(record.turns);
  // context-only turns stay in the dialogue's transcript and in the later turns' prompts
  const turns = record.rankedTurns === "last" ? allTurns.slice(-1) : allTurns;
  const planned: { itemId: string; candidates: CandidateInput[] }[] = [];
  let repeated = 0;
  for (const turn of turns) {
    const given = record.candidates.get(turn.turnIndex);
    const supplied = given && dropRepeatedAnswers(given);
    if (given && supplied) repeated += given.length - supplied.length;
    if (supplied && supplied.length > ctx.k) {
      issues.push(issue(ref, `response_${ctx.k}`, `has ${supplied.length} different responses; this project ranks k=${ctx.k} candidates per turn`));
      return;
    }
    const built =
      !supplied && ctx.builder === "reference-distractors" && ctx.mode === "write"
        ? referenceWithDistractors(ctx.pool, record, turn.turnIndex, ctx.k, ctx.seed)
        : [];
    planned.push({ itemId: newId(), candidates: supplied ?? built });
  }

  rows.dialogues.push({
    id: dialogueId,
    projectId: ctx.projectId,
    externalId: record.externalId,
    department: record.department,
    subDepartment: record.subDepartment,
    kind: record.kind,
    messages: transcript(record.turns),
    importId: ctx.importId,
  });
  state.counts.dialogues++;
  state.counts.contextTurns += allTurns.length - turns.length;
  state.counts.skippedCandidates += repeated;
  turns.forEach((turn, i) => {
    const { itemId, candidates } = planned[i];
    const open = candidates.length === ctx.k;
    rows.items.push({
      id: itemId,
      projectId: ctx.projectId,
      dialogueId,
      turnIndex: turn.turnIndex,
      prompt: turn.prompt,
      referenceAnswer: turn.referenceAnswer,
      status: open ? "OPEN" : "AWAITING_CANDIDATES",
    });
    state.counts.items++;
    if (open) state.counts.openItems++;
    candidates.forEach((c, position) => rows.candidates.push({ id: newId(), itemId, position, text: c.text, source: c.source }));
    state.counts.candidates += candidates.length;
  });
}

function planTurn(record: TurnCandidatesRecord, ref: RecordRef, state: PlanState, ctx: PlanContext, rows: BatchRows, issues: RecordIssue[]): void {
  const key = turnKey(record.dialogueExternalId, record.turnIndex);
  const existingId = state.itemsByTurn.get(key);
  if (existingId) {
    const item = state.itemsById.get(existingId)!;
    if (item.promptKey !== promptKey(record.prompt)) {
      const where = item.createdBy ? refText(item.createdBy) : "the app";
      issues.push(issue(ref, "messages", `differ from the messages of turn ${record.turnIndex} of dialogue ${record.dialogueExternalId} in ${where}`));
      return;
    }
    attach(item, record.candidates, ref, state, ctx, rows, issues);
    return;
  }

  const fresh = dropRepeatedAnswers(record.candidates);
  if (fresh.length > ctx.k) {
    issues.push(issue(ref, "candidates", `has ${fresh.length} candidates; this project ranks k=${ctx.k} per turn`));
    return;
  }
  let dialogue = state.dialogues.get(record.dialogueExternalId);
  if (!dialogue) {
    dialogue = { id: newId(), createdBy: keptRef(ref) };
    state.dialogues.set(detach(record.dialogueExternalId), dialogue);
    rows.dialogues.push({
      id: dialogue.id,
      projectId: ctx.projectId,
      externalId: record.dialogueExternalId,
      department: record.department,
      subDepartment: null,
      kind: "dialogue",
      messages: record.prompt,
      importId: ctx.importId,
    });
    state.counts.dialogues++;
  }
  const open = fresh.length === ctx.k;
  const item: ItemState = {
    id: newId(),
    dialogueId: dialogue.id,
    status: open ? "OPEN" : "AWAITING_CANDIDATES",
    count: fresh.length,
    texts: open ? null : new Set(fresh.map((c) => detach(answerKey(c.text)))),
    promptKey: promptKey(record.prompt),
    createdBy: keptRef(ref),
  };
  state.itemsById.set(item.id, item);
  state.itemsByTurn.set(detach(key), item.id);
  rows.items.push({
    id: item.id,
    projectId: ctx.projectId,
    dialogueId: dialogue.id,
    turnIndex: record.turnIndex,
    prompt: record.prompt,
    referenceAnswer: null,
    status: item.status as ItemRow["status"],
  });
  state.counts.items++;
  if (open) state.counts.openItems++;
  state.counts.skippedCandidates += record.candidates.length - fresh.length;
  fresh.forEach((c, position) => rows.candidates.push({ id: newId(), itemId: item.id, position, text: c.text, source: c.source }));
  state.counts.candidates += fresh.length;
}

function planItem(record: ItemCandidatesRecord, ref: RecordRef, state: PlanState, ctx: PlanContext, rows: BatchRows, issues: RecordIssue[]): void {
  const item = state.itemsById.get(record.itemId);
  if (!item) {
    issues.push(issue(ref, "item_id", `no item ${record.itemId} in this project`));
    return;
  }
  attach(item, record.candidates, ref, state, ctx, rows, issues);
}

/** Adds candidates to an item awaiting them; the item opens when it reaches exactly K. */
function attach(item: ItemState, candidates: CandidateInput[], ref: RecordRef, state: PlanState, ctx: PlanContext, rows: BatchRows, issues: RecordIssue[]): void {
  if (item.status !== "AWAITING_CANDIDATES" || !item.texts) {
    const why = item.createdBy ? `already has its ${ctx.k} candidates from ${refText(item.createdBy)}` : `is ${item.status}, not awaiting candidates`;
    issues.push(issue(ref, "candidates", `item ${item.id} ${why}`));
    return;
  }
  const fresh = dropRepeatedAnswers(candidates, item.texts);
  if (item.count + fresh.length > ctx.k) {
    issues.push(issue(ref, "candidates", `item ${item.id} has ${item.count} candidates; ${fresh.length} more would exceed k=${ctx.k}`));
    return;
  }
  fresh.forEach((c, i) => {
    rows.candidates.push({ id: newId(), itemId: item.id, position: item.count + i, text: c.text, source: c.source });
    item.texts!.add(detach(answerKey(c.text)));
  });
  item.count += fresh.length;
  state.counts.candidates += fresh.length;
  state.counts.skippedCandidates += candidates.length - fresh.length;
  if (item.count === ctx.k) {
    item.status = "OPEN";
    item.texts = null;
    state.counts.openItems++;
    // items created by this same batch are inserted with their final status; older ones are updated
    if (!rows.items.some((r) => r.id === item.id)) rows.openedItemIds.push(item.id);
    else rows.items.find((r) => r.id === item.id)!.status = "OPEN";
  }
}
