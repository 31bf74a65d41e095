-- AlterTable
ALTER TABLE "Ranking" ADD COLUMN     "differsFromDisplayOrder" BOOLEAN,
ADD COLUMN     "openMs" INTEGER;

-- CreateTable
CREATE TABLE "AssignmentDraft" (
    "assignmentId" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssignmentDraft_pkey" PRIMARY KEY ("assignmentId")
);

-- AddForeignKey
ALTER TABLE "AssignmentDraft" ADD CONSTRAINT "AssignmentDraft_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill the rankings submitted before these columns existed: the order differs from the
-- display order unless the candidate shown in slot s (displayOrder[s], a 0-based position) got
-- rank s, and the item was open from the lease (the assignment's creation) to the ranking.
UPDATE "Ranking" r SET
  "differsFromDisplayOrder" = EXISTS (
    SELECT 1 FROM generate_subscripts(a."displayOrder", 1) AS s
    WHERE r."ranks"[a."displayOrder"[s] + 1] IS DISTINCT FROM s
  ),
  "openMs" = LEAST(2147483647, GREATEST(0, ROUND(EXTRACT(EPOCH FROM (r."createdAt" - a."createdAt")) * 1000)))::INTEGER
FROM "Assignment" a
WHERE a."id" = r."assignmentId";
