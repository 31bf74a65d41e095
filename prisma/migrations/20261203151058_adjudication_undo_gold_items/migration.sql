-- AlterEnum
ALTER TYPE "ItemStatus" ADD VALUE 'GOLD';

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "goldRate" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "goldRanks" INTEGER[];

-- AlterTable
ALTER TABLE "Adjudication" ADD COLUMN     "undoneAt" TIMESTAMP(3);

