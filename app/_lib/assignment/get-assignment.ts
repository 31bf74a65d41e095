// One assignment of the caller (404 for anyone else's).
import "server-only";
import { db } from "../db";
import type { AssignmentView } from "./assignment-view";
import { loadAssignmentView } from "./load-assignment-view";

export function getAssignment(opts: { assignmentId: string; annotatorId: string; now?: Date }): Promise<AssignmentView> {
  return loadAssignmentView(db, opts);
}
