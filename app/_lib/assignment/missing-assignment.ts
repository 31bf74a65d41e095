// Why a caller's scoped lookup of an assignment found nothing: to the caller it does not exist.
// Someone else's assignment and an unknown id answer the same 404, so an annotator cannot learn
// which ids exist (or whose they are) by probing.
import "server-only";
import type { Db, Tx } from "../db";
import { AppError } from "../errors";

export async function missingAssignmentError(_client: Db | Tx, assignmentId: string): Promise<AppError> {
  return new AppError("NOT_FOUND", `Assignment ${assignmentId} not found`);
}
