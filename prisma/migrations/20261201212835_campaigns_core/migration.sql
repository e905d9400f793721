-- AlterEnum
ALTER TYPE "CampaignMemberStatus" ADD VALUE 'OPTED_OUT';

-- AlterEnum (PLANNED is now DRAFT; the runner wraps each migration in one transaction)
CREATE TYPE "CampaignStatus_new" AS ENUM ('DRAFT', 'SCHEDULED', 'ACTIVE', 'COMPLETED', 'CANCELLED');
ALTER TABLE "public"."Campaign" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "Campaign" ALTER COLUMN "status" TYPE "CampaignStatus_new" USING ((CASE "status"::text WHEN 'PLANNED' THEN 'DRAFT' ELSE "status"::text END)::"CampaignStatus_new");
ALTER TYPE "CampaignStatus" RENAME TO "CampaignStatus_old";
ALTER TYPE "CampaignStatus_new" RENAME TO "CampaignStatus";
DROP TYPE "public"."CampaignStatus_old";
ALTER TABLE "Campaign" ALTER COLUMN "status" SET DEFAULT 'DRAFT';

-- AlterEnum
ALTER TYPE "CampaignType" ADD VALUE 'SMS';

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "attributePromotedOnly" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "audienceFilter" JSONB,
ADD COLUMN     "audienceRule" JSONB,
ADD COLUMN     "excludedFatigue" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "excludedOptOut" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "fatigueDays" INTEGER,
ADD COLUMN     "graceDays" INTEGER NOT NULL DEFAULT 30,
ADD COLUMN     "holdoutPct" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "launchedAt" TIMESTAMP(3),
ADD COLUMN     "launchedById" INTEGER,
ADD COLUMN     "objective" TEXT,
ADD COLUMN     "offer" TEXT,
ADD COLUMN     "promotedCategoryIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "promotedProductIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1,
ALTER COLUMN "status" SET DEFAULT 'DRAFT';

-- AlterTable
ALTER TABLE "CampaignMember" ADD COLUMN     "contactedAt" TIMESTAMP(3),
ADD COLUMN     "convertedAt" TIMESTAMP(3),
ADD COLUMN     "isControl" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "propensity" DOUBLE PRECISION,
ADD COLUMN     "reasons" JSONB;

-- CreateTable
CREATE TABLE "CampaignCost" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "description" TEXT NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "incurredOn" TIMESTAMP(3) NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampaignCost_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CampaignCost_campaignId_idx" ON "CampaignCost"("campaignId");

-- CreateIndex
CREATE INDEX "Campaign_type_startsAt_idx" ON "Campaign"("type", "startsAt");

-- CreateIndex
CREATE INDEX "CampaignMember_campaignId_isControl_status_idx" ON "CampaignMember"("campaignId", "isControl", "status");

-- AddForeignKey
ALTER TABLE "CampaignCost" ADD CONSTRAINT "CampaignCost_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
