-- AlterTable
ALTER TABLE "RunLog" ADD COLUMN     "at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "RunSample" (
    "id" BIGSERIAL NOT NULL,
    "runId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "step" INTEGER NOT NULL,
    "itemId" TEXT,
    "prompt" JSONB NOT NULL,
    "response" TEXT NOT NULL,
    "reward" DOUBLE PRECISION,
    "score" DOUBLE PRECISION,
    "kl" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RunSample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RunSample_runId_step_idx" ON "RunSample"("runId", "step");

-- CreateIndex
CREATE UNIQUE INDEX "RunSample_runId_attempt_seq_key" ON "RunSample"("runId", "attempt", "seq");

-- AddForeignKey
ALTER TABLE "RunSample" ADD CONSTRAINT "RunSample_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

