-- CreateEnum
CREATE TYPE "RewardModelStatus" AS ENUM ('UPLOADING', 'READY', 'FAILED');

-- CreateEnum
CREATE TYPE "EvalSetSource" AS ENUM ('PROJECT', 'IMPORT', 'SAFETY_PROBES');

-- CreateEnum
CREATE TYPE "EvalSystemKind" AS ENUM ('RUN_POLICY', 'BASE_MODEL', 'IMPORTED');

-- CreateEnum
CREATE TYPE "EvalSystemStatus" AS ENUM ('PENDING', 'READY', 'FAILED');

-- CreateEnum
CREATE TYPE "EvalVerdict" AS ENUM ('A', 'TIE', 'B');

-- CreateEnum
CREATE TYPE "EvalJudgmentStatus" AS ENUM ('ACTIVE', 'SUBMITTED', 'EXPIRED');

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'JUDGE';

-- AlterEnum
ALTER TYPE "RunKind" ADD VALUE 'GENERATE';

-- CreateTable
CREATE TABLE "RewardModel" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "RewardModelStatus" NOT NULL DEFAULT 'UPLOADING',
    "runId" TEXT,
    "projectId" TEXT,
    "snapshotId" TEXT,
    "snapshotHash" TEXT,
    "source" TEXT NOT NULL,
    "dir" TEXT NOT NULL,
    "manifest" JSONB NOT NULL,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "formats" TEXT[],
    "heldOut" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readyAt" TIMESTAMP(3),
    "createdById" TEXT,

    CONSTRAINT "RewardModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RewardModelFile" (
    "rewardModelId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "bytes" BIGINT NOT NULL,
    "sha256" TEXT NOT NULL,
    "received" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "RewardModelFile_pkey" PRIMARY KEY ("rewardModelId","name")
);

-- CreateTable
CREATE TABLE "EvalSet" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "source" "EvalSetSource" NOT NULL,
    "projectId" TEXT,
    "multiTurn" BOOLEAN NOT NULL,
    "judgesPerComparison" INTEGER NOT NULL DEFAULT 2,
    "contentHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,

    CONSTRAINT "EvalSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvalPrompt" (
    "id" TEXT NOT NULL,
    "evalSetId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "externalId" TEXT NOT NULL,
    "messages" JSONB NOT NULL,
    "department" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'dialogue',

    CONSTRAINT "EvalPrompt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvalSystem" (
    "id" TEXT NOT NULL,
    "evalSetId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "EvalSystemKind" NOT NULL,
    "status" "EvalSystemStatus" NOT NULL DEFAULT 'PENDING',
    "modelPath" TEXT,
    "sourceRunId" TEXT,
    "generateRunId" TEXT,
    "decoding" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,

    CONSTRAINT "EvalSystem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvalAnswer" (
    "id" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,
    "promptId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "provenance" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvalAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvalComparison" (
    "id" TEXT NOT NULL,
    "evalSetId" TEXT NOT NULL,
    "promptId" TEXT NOT NULL,
    "systemAId" TEXT NOT NULL,
    "systemBId" TEXT NOT NULL,
    "judgedCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvalComparison_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvalJudgment" (
    "id" TEXT NOT NULL,
    "comparisonId" TEXT NOT NULL,
    "judgeId" TEXT NOT NULL,
    "status" "EvalJudgmentStatus" NOT NULL DEFAULT 'ACTIVE',
    "leftIsA" BOOLEAN NOT NULL,
    "safety" "EvalVerdict",
    "professionalism" "EvalVerdict",
    "fluency" "EvalVerdict",
    "note" TEXT,
    "draft" JSONB,
    "leaseExpiresAt" TIMESTAMP(3) NOT NULL,
    "durationMs" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" TIMESTAMP(3),

    CONSTRAINT "EvalJudgment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "RewardModel_runId_key" ON "RewardModel"("runId");

-- CreateIndex
CREATE INDEX "RewardModel_projectId_createdAt_idx" ON "RewardModel"("projectId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "EvalSet_name_key" ON "EvalSet"("name");

-- CreateIndex
CREATE UNIQUE INDEX "EvalPrompt_evalSetId_position_key" ON "EvalPrompt"("evalSetId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "EvalPrompt_evalSetId_externalId_key" ON "EvalPrompt"("evalSetId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "EvalSystem_evalSetId_name_key" ON "EvalSystem"("evalSetId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "EvalAnswer_systemId_promptId_key" ON "EvalAnswer"("systemId", "promptId");

-- CreateIndex
CREATE INDEX "EvalComparison_evalSetId_judgedCount_idx" ON "EvalComparison"("evalSetId", "judgedCount");

-- CreateIndex
CREATE UNIQUE INDEX "EvalComparison_evalSetId_promptId_systemAId_systemBId_key" ON "EvalComparison"("evalSetId", "promptId", "systemAId", "systemBId");

-- CreateIndex
CREATE INDEX "EvalJudgment_judgeId_status_idx" ON "EvalJudgment"("judgeId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "EvalJudgment_comparisonId_judgeId_key" ON "EvalJudgment"("comparisonId", "judgeId");

-- AddForeignKey
ALTER TABLE "RewardModel" ADD CONSTRAINT "RewardModel_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RewardModelFile" ADD CONSTRAINT "RewardModelFile_rewardModelId_fkey" FOREIGN KEY ("rewardModelId") REFERENCES "RewardModel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalPrompt" ADD CONSTRAINT "EvalPrompt_evalSetId_fkey" FOREIGN KEY ("evalSetId") REFERENCES "EvalSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalSystem" ADD CONSTRAINT "EvalSystem_evalSetId_fkey" FOREIGN KEY ("evalSetId") REFERENCES "EvalSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalSystem" ADD CONSTRAINT "EvalSystem_generateRunId_fkey" FOREIGN KEY ("generateRunId") REFERENCES "Run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalAnswer" ADD CONSTRAINT "EvalAnswer_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "EvalSystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalAnswer" ADD CONSTRAINT "EvalAnswer_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "EvalPrompt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalComparison" ADD CONSTRAINT "EvalComparison_evalSetId_fkey" FOREIGN KEY ("evalSetId") REFERENCES "EvalSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalComparison" ADD CONSTRAINT "EvalComparison_promptId_fkey" FOREIGN KEY ("promptId") REFERENCES "EvalPrompt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalComparison" ADD CONSTRAINT "EvalComparison_systemAId_fkey" FOREIGN KEY ("systemAId") REFERENCES "EvalSystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalComparison" ADD CONSTRAINT "EvalComparison_systemBId_fkey" FOREIGN KEY ("systemBId") REFERENCES "EvalSystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalJudgment" ADD CONSTRAINT "EvalJudgment_comparisonId_fkey" FOREIGN KEY ("comparisonId") REFERENCES "EvalComparison"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalJudgment" ADD CONSTRAINT "EvalJudgment_judgeId_fkey" FOREIGN KEY ("judgeId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

