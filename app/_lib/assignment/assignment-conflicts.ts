// Why a write to an assignment was refused, as a stable reason next to the error code (AppError
// details.reason), so the client can say it in the user's language and act on it: an item
// submitted in another tab loads the next one; an unplaced answer points at the board.
import { AppError } from "../errors";

export type AssignmentRefusal =
  | "ALREADY_SUBMITTED" // the assignment was ranked already (another tab or device) with a different ranking
  | "ALREADY_SKIPPED" // the assignment was skipped already
  | "ITEM_SETTLED" // the lease lapsed and the item no longer needs a ranking
  | "SLOT_TAKEN" // the lease lapsed and the slot went to another annotator
  | "NOT_PLACED"; // an answer has no place in the ranking

export function assignmentRefusal(reason: AssignmentRefusal, message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError(reason === "NOT_PLACED" ? "VALIDATION" : "CONFLICT", message, { reason, ...details });
}
