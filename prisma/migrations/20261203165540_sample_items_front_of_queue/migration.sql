-- DropIndex
DROP INDEX "Item_projectId_status_rankingCount_createdAt_id_idx";

-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "priority" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "frontOfQueue" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE INDEX "Item_projectId_status_priority_rankingCount_createdAt_id_idx" ON "Item"("projectId", "status", "priority" DESC, "rankingCount" DESC, "createdAt", "id");

