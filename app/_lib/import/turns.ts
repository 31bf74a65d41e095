import type { ChatMessage, DialogueTurn } from "./types";

/** One rankable turn: the item the import creates for it. */
export type CutTurn = {
  turnIndex: number;
  /** history of turns < t (patient and doctor messages) + the patient's message t */
  prompt: ChatMessage[];
  /** the doctor's real answer at turn t, when the source has one */
  referenceAnswer: string | null;
};

/**
 * Cuts a dialogue into turns (DESIGN "The loop"): item t = every earlier exchange plus patient
 * message t. An earlier turn without a doctor answer cannot be history for a later one, so only
 * the last turn may lack it (parsers reject anything else).
 */
export function cutTurns(turns: DialogueTurn[]): CutTurn[] {
  const out: CutTurn[] = [];
  const history: ChatMessage[] = [];
  turns.forEach((turn, turnIndex) => {
    out.push({
      turnIndex,
      prompt: [...history, { role: "user", content: turn.patient }],
      referenceAnswer: turn.doctor,
    });
    history.push({ role: "user", content: turn.patient });
    if (turn.doctor !== null) history.push({ role: "assistant", content: turn.doctor });
  });
  return out;
}

/** The full transcript stored on the dialogue (reference answers included). */
export function transcript(turns: DialogueTurn[]): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (const turn of turns) {
    messages.push({ role: "user", content: turn.patient });
    if (turn.doctor !== null) messages.push({ role: "assistant", content: turn.doctor });
  }
  return messages;
}

/**
 * Checks a prompt sent with a candidates record: user/assistant alternating, starting and ending
 * with the patient, so that turn t has exactly 2t+1 messages. Returns the problem or null.
 */
export function checkPrompt(messages: ChatMessage[], turnIndex: number): { field: string; message: string } | null {
  for (let i = 0; i < messages.length; i++) {
    const expected = i % 2 === 0 ? "user" : "assistant";
    if (messages[i].role !== expected) {
      return { field: `messages[${i}].role`, message: `must be "${expected}" (messages alternate user/assistant, starting with the patient)` };
    }
  }
  if (messages.length % 2 === 0) {
    return { field: "messages", message: "must end with the patient's (user) message for this turn" };
  }
  if (messages.length !== 2 * turnIndex + 1) {
    return { field: "turn", message: `turn ${turnIndex} needs ${2 * turnIndex + 1} messages (turns count from 0), got ${messages.length}` };
  }
  return null;
}
