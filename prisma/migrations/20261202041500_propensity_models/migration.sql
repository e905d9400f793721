-- The last trained response-propensity model per channel (lib/campaigns/propensity-models.ts).
CREATE TABLE "PropensityModel" (
    "channel" "CampaignType" NOT NULL,
    "asOf" TIMESTAMP(3) NOT NULL,
    "trainedAt" TIMESTAMP(3) NOT NULL,
    "dataStamp" TEXT NOT NULL,
    "model" JSONB NOT NULL,

    CONSTRAINT "PropensityModel_pkey" PRIMARY KEY ("channel")
);
