-- DropIndex
DROP INDEX "Customer_abcSegment_idx";

-- DropIndex
DROP INDEX "Customer_churnRisk_id_idx";

-- DropIndex
DROP INDEX "Customer_lifecycleStage_idx";

-- DropIndex
DROP INDEX "Customer_predictedClv_id_idx";

-- DropIndex
DROP INDEX "Customer_rfmGroup_idx";

-- DropIndex
DROP INDEX "Customer_tier_idx";

-- DropIndex
DROP INDEX "CustomerScore_customerId_periodEnd_key";

-- DropIndex
DROP INDEX "CustomerScore_runId_predictedClv_idx";

-- AlterTable
ALTER TABLE "Customer" DROP COLUMN "abcSegment",
DROP COLUMN "churnRisk",
DROP COLUMN "historicalClv",
DROP COLUMN "lifecycleStage",
DROP COLUMN "pAlive",
DROP COLUMN "predictedClv",
DROP COLUMN "rfmCode",
DROP COLUMN "rfmGroup",
DROP COLUMN "scoredAt",
DROP COLUMN "tier",
DROP COLUMN "tierRank";

-- AlterTable
ALTER TABLE "CustomerScore" DROP CONSTRAINT "CustomerScore_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "CustomerScore_pkey" PRIMARY KEY ("customerId", "periodEnd");

-- CreateIndex
CREATE INDEX "CustomerScore_periodEnd_abcSegment_idx" ON "CustomerScore"("periodEnd", "abcSegment");

-- CreateIndex
CREATE INDEX "CustomerScore_periodEnd_lifecycleStage_idx" ON "CustomerScore"("periodEnd", "lifecycleStage");

-- CreateIndex
CREATE INDEX "CustomerScore_periodEnd_rfmGroup_idx" ON "CustomerScore"("periodEnd", "rfmGroup");

-- CreateIndex
CREATE INDEX "CustomerScore_periodEnd_predictedClv_customerId_idx" ON "CustomerScore"("periodEnd", "predictedClv", "customerId");

-- CreateIndex
CREATE INDEX "CustomerScore_periodEnd_churnRisk_customerId_idx" ON "CustomerScore"("periodEnd", "churnRisk", "customerId");
