-- AlterTable
ALTER TABLE "CustomerScore" ADD COLUMN     "ageWeeks" DOUBLE PRECISION,
ADD COLUMN     "expectedSpend" DECIMAL(14,2),
ADD COLUMN     "lifecycleReason" JSONB,
ADD COLUMN     "margin" DECIMAL(14,2) NOT NULL,
ADD COLUMN     "recencyWeeks" DOUBLE PRECISION,
ADD COLUMN     "repeatPurchases" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "runId" INTEGER NOT NULL,
ADD COLUMN     "spendTrend" DOUBLE PRECISION,
ADD COLUMN     "upgradeCoverage" DOUBLE PRECISION,
ADD COLUMN     "upgradeExpected" DECIMAL(14,2),
ADD COLUMN     "upgradeGap" DECIMAL(14,2),
ADD COLUMN     "upgradePosition" INTEGER,
ADD COLUMN     "upgradeSource" TEXT,
ADD COLUMN     "upgradeToTier" "Tier",
ALTER COLUMN "expectedPurchases" DROP NOT NULL,
ALTER COLUMN "pAlive" DROP NOT NULL,
ALTER COLUMN "churnRisk" DROP NOT NULL;

-- CreateTable
CREATE TABLE "ScoreRun" (
    "id" SERIAL NOT NULL,
    "periodStart" TIMESTAMP(3) NOT NULL,
    "periodEnd" TIMESTAMP(3) NOT NULL,
    "settings" JSONB NOT NULL,
    "model" JSONB,
    "customerCount" INTEGER NOT NULL,
    "activeCount" INTEGER NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "triggeredById" INTEGER,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScoreRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssociationRule" (
    "id" SERIAL NOT NULL,
    "lhs" INTEGER[],
    "rhs" INTEGER NOT NULL,
    "support" DOUBLE PRECISION NOT NULL,
    "confidence" DOUBLE PRECISION NOT NULL,
    "lift" DOUBLE PRECISION NOT NULL,
    "count" INTEGER NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssociationRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ScoreRun_periodEnd_key" ON "ScoreRun"("periodEnd");

-- CreateIndex
CREATE INDEX "AssociationRule_rhs_idx" ON "AssociationRule"("rhs");

-- CreateIndex
CREATE INDEX "CustomerScore_periodEnd_tierRank_idx" ON "CustomerScore"("periodEnd", "tierRank");

-- CreateIndex
CREATE INDEX "CustomerScore_runId_idx" ON "CustomerScore"("runId");

-- AddForeignKey
ALTER TABLE "CustomerScore" ADD CONSTRAINT "CustomerScore_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ScoreRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
