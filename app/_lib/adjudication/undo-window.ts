// How long an adjudicator can take a decision back. The decision is committed at once (closing
// the tab loses nothing, the item leaves the queue for everyone); "undo" reverses it on the
// server, audited, as long as the window is open and no snapshot has exported it. The server
// allows a few seconds more than the toast shows, for a click made on the last second to arrive.

/** What the adjudicator is shown (the toast's countdown). */
export const UNDO_WINDOW_MS = 10_000;
/** What the server accepts: the window plus network grace. */
export const UNDO_GRACE_MS = 5_000;

export function undoOpen(decidedAt: Date, now: Date): boolean {
  return now.getTime() - decidedAt.getTime() <= UNDO_WINDOW_MS + UNDO_GRACE_MS;
}
