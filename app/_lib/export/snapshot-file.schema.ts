import { z } from "zod";
import { SNAPSHOT_FILES } from "./snapshot-view";

// GET /api/snapshots/[snapshotId]/[file] — which file of a snapshot.
export const snapshotFileSchema = z.enum(SNAPSHOT_FILES, { error: `file must be one of ${SNAPSHOT_FILES.join(", ")}` });
