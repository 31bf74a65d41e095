-- CreateEnum
CREATE TYPE "QueueOrder" AS ENUM ('OLDEST_FIRST', 'UNCERTAINTY_FIRST');

-- CreateEnum
CREATE TYPE "PickReason" AS ENUM ('DEFAULT', 'UNCERTAINTY', 'RANDOM', 'GOLD');

-- AlterEnum
ALTER TYPE "EvalJudgmentStatus" ADD VALUE 'SKIPPED';

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "queueOrder" "QueueOrder" NOT NULL DEFAULT 'OLDEST_FIRST',
ADD COLUMN     "randomShare" DOUBLE PRECISION NOT NULL DEFAULT 0.2,
ADD COLUMN     "rewardModelId" TEXT,
ADD COLUMN     "showRmAfterAdjudication" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Assignment" ADD COLUMN     "pickedBy" "PickReason";

-- CreateTable
CREATE TABLE "CandidateScore" (
    "rewardModelId" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "raw" DOUBLE PRECISION NOT NULL,
    "normalized" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CandidateScore_pkey" PRIMARY KEY ("rewardModelId","candidateId")
);

-- CreateTable
CREATE TABLE "ItemUncertainty" (
    "rewardModelId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "minMargin" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ItemUncertainty_pkey" PRIMARY KEY ("rewardModelId","itemId")
);

-- CreateTable
CREATE TABLE "RmItemAgreement" (
    "rewardModelId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "finalizedAt" TIMESTAMP(3) NOT NULL,
    "pairs" INTEGER NOT NULL,
    "agree" INTEGER NOT NULL,
    "top1" BOOLEAN NOT NULL,
    "tau" DOUBLE PRECISION,
    "flags" TEXT[],
    "pickedBy" "PickReason",
    "annotators" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RmItemAgreement_pkey" PRIMARY KEY ("rewardModelId","itemId")
);

-- CreateTable
CREATE TABLE "EvalPair" (
    "id" TEXT NOT NULL,
    "evalSetId" TEXT NOT NULL,
    "systemAId" TEXT NOT NULL,
    "systemBId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,

    CONSTRAINT "EvalPair_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvalRmScore" (
    "id" TEXT NOT NULL,
    "rewardModelId" TEXT NOT NULL,
    "answerId" TEXT NOT NULL,
    "raw" DOUBLE PRECISION NOT NULL,
    "normalized" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvalRmScore_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CandidateScore_candidateId_idx" ON "CandidateScore"("candidateId");

-- CreateIndex
CREATE INDEX "ItemUncertainty_itemId_idx" ON "ItemUncertainty"("itemId");

-- CreateIndex
CREATE INDEX "RmItemAgreement_itemId_idx" ON "RmItemAgreement"("itemId");

-- CreateIndex
CREATE UNIQUE INDEX "EvalPair_evalSetId_systemAId_systemBId_key" ON "EvalPair"("evalSetId", "systemAId", "systemBId");

-- CreateIndex
CREATE UNIQUE INDEX "EvalRmScore_rewardModelId_answerId_key" ON "EvalRmScore"("rewardModelId", "answerId");

-- AddForeignKey
ALTER TABLE "Project" ADD CONSTRAINT "Project_rewardModelId_fkey" FOREIGN KEY ("rewardModelId") REFERENCES "RewardModel"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateScore" ADD CONSTRAINT "CandidateScore_rewardModelId_fkey" FOREIGN KEY ("rewardModelId") REFERENCES "RewardModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateScore" ADD CONSTRAINT "CandidateScore_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemUncertainty" ADD CONSTRAINT "ItemUncertainty_rewardModelId_fkey" FOREIGN KEY ("rewardModelId") REFERENCES "RewardModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RmItemAgreement" ADD CONSTRAINT "RmItemAgreement_rewardModelId_fkey" FOREIGN KEY ("rewardModelId") REFERENCES "RewardModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalPair" ADD CONSTRAINT "EvalPair_evalSetId_fkey" FOREIGN KEY ("evalSetId") REFERENCES "EvalSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalPair" ADD CONSTRAINT "EvalPair_systemAId_fkey" FOREIGN KEY ("systemAId") REFERENCES "EvalSystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalPair" ADD CONSTRAINT "EvalPair_systemBId_fkey" FOREIGN KEY ("systemBId") REFERENCES "EvalSystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalRmScore" ADD CONSTRAINT "EvalRmScore_rewardModelId_fkey" FOREIGN KEY ("rewardModelId") REFERENCES "RewardModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalRmScore" ADD CONSTRAINT "EvalRmScore_answerId_fkey" FOREIGN KEY ("answerId") REFERENCES "EvalAnswer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

