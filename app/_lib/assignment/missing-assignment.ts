// Why a caller's scoped lookup of an assignment found nothing: it is someone else's (403) or
// there is no such assignment (404). Only asked after the scoped query came back empty, so an
// annotator never reads another's assignment, only learns that the id is not theirs.
import "server-only";
import type { Db, Tx } from "../db";
import { AppError } from "../errors";

export async function missingAssignmentError(client: Db | Tx, assignmentId: string): Promise<AppError> {
  const exists = await client.assignment.findUnique({ where: { id: assignmentId }, select: { id: true } });
  return exists
    ? new AppError("FORBIDDEN", `Assignment ${assignmentId} belongs to another annotator`)
    : new AppError("NOT_FOUND", `Assignment ${assignmentId} not found`);
}
