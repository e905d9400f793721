-- AlterTable
ALTER TABLE "ScoreRun" ADD COLUMN     "fallback" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "rejected" JSONB,
ADD COLUMN     "rejectedCount" INTEGER NOT NULL DEFAULT 0;
