-- Score snapshots are derived data and the old ones lack the attribute columns added here: drop
-- them (the runs cascade to their scores); the next recompute (npm run scores, or Admin > Scores) rebuilds them.
DELETE FROM "ScoreRun";

-- DropIndex
DROP INDEX "CustomerScore_periodEnd_tierRank_idx";

-- DropIndex
DROP INDEX "CustomerScore_runId_idx";

-- AlterTable
ALTER TABLE "CustomerScore" ADD COLUMN     "kind" "CustomerKind" NOT NULL,
ADD COLUMN     "ownerId" INTEGER,
ADD COLUMN     "region" TEXT NOT NULL;

-- CreateTable
CREATE TABLE "ScoreCube" (
    "id" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "region" TEXT NOT NULL,
    "kind" "CustomerKind" NOT NULL,
    "ownerId" INTEGER,
    "dimension" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "customers" INTEGER NOT NULL,
    "active" INTEGER NOT NULL,
    "revenue" DECIMAL(16,2) NOT NULL,
    "margin" DECIMAL(16,2) NOT NULL,
    "mScoreSum" INTEGER NOT NULL,

    CONSTRAINT "ScoreCube_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ScoreCube_runId_dimension_idx" ON "ScoreCube"("runId", "dimension");

-- CreateIndex
CREATE INDEX "CustomerScore_runId_tierRank_idx" ON "CustomerScore"("runId", "tierRank");

-- CreateIndex
CREATE INDEX "CustomerScore_runId_upgradePosition_idx" ON "CustomerScore"("runId", "upgradePosition");

-- CreateIndex
CREATE INDEX "CustomerScore_runId_predictedClv_idx" ON "CustomerScore"("runId", "predictedClv");

-- CreateIndex
CREATE INDEX "CustomerScore_runId_ownerId_idx" ON "CustomerScore"("runId", "ownerId");

-- AddForeignKey
ALTER TABLE "ScoreCube" ADD CONSTRAINT "ScoreCube_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ScoreRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
