-- CreateEnum
CREATE TYPE "CallListStatus" AS ENUM ('ACTIVE', 'PAUSED', 'COMPLETED');

-- CreateEnum
CREATE TYPE "CallEntryStatus" AS ENUM ('QUEUED', 'IN_CALL', 'CALLBACK', 'DONE', 'EXHAUSTED', 'DO_NOT_CALL');

-- CreateEnum
CREATE TYPE "CallOutcome" AS ENUM ('REACHED', 'NO_ANSWER', 'BUSY', 'CALLBACK', 'NOT_INTERESTED', 'INTERESTED', 'CONVERTED', 'WRONG_NUMBER', 'OPT_OUT');

-- CreateEnum
CREATE TYPE "EmailSendStatus" AS ENUM ('DRAFT', 'SENDING', 'PAUSED', 'SENT', 'CANCELLED');

-- AlterTable
ALTER TABLE "CampaignMember" ADD COLUMN     "clickCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "clickedAt" TIMESTAMP(3),
ADD COLUMN     "emailOutboxId" INTEGER,
ADD COLUMN     "unsubscribeTokenHash" TEXT,
ADD COLUMN     "unsubscribedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "CallList" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "status" "CallListStatus" NOT NULL DEFAULT 'ACTIVE',
    "campaignId" INTEGER,
    "segmentId" INTEGER,
    "script" TEXT NOT NULL DEFAULT '',
    "maxAttempts" INTEGER NOT NULL DEFAULT 3,
    "retryMinutes" INTEGER NOT NULL DEFAULT 120,
    "excludedDoNotCall" INTEGER NOT NULL DEFAULT 0,
    "excludedNoPhone" INTEGER NOT NULL DEFAULT 0,
    "builtAt" TIMESTAMP(3),
    "ownerId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CallList_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallListAgent" (
    "callListId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,

    CONSTRAINT "CallListAgent_pkey" PRIMARY KEY ("callListId","userId")
);

-- CreateTable
CREATE TABLE "CallListEntry" (
    "id" SERIAL NOT NULL,
    "callListId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "campaignMemberId" INTEGER,
    "priority" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "status" "CallEntryStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "bestSlot" INTEGER,
    "agentId" INTEGER,
    "takenAt" TIMESTAMP(3),
    "lastOutcome" "CallOutcome",
    "lastCalledAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CallListEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallAttempt" (
    "id" SERIAL NOT NULL,
    "entryId" INTEGER NOT NULL,
    "callListId" INTEGER NOT NULL,
    "agentId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "outcome" "CallOutcome" NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3) NOT NULL,
    "touchpointId" INTEGER,
    "notes" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CallAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CampaignEmail" (
    "campaignId" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "fromName" TEXT,
    "ratePerMinute" INTEGER NOT NULL DEFAULT 600,
    "status" "EmailSendStatus" NOT NULL DEFAULT 'DRAFT',
    "queuedCount" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3),
    "startedById" INTEGER,
    "finishedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CampaignEmail_pkey" PRIMARY KEY ("campaignId")
);

-- CreateIndex
CREATE INDEX "CallList_status_idx" ON "CallList"("status");

-- CreateIndex
CREATE INDEX "CallList_campaignId_idx" ON "CallList"("campaignId");

-- CreateIndex
CREATE INDEX "CallListAgent_userId_idx" ON "CallListAgent"("userId");

-- CreateIndex
CREATE INDEX "CallListEntry_callListId_status_dueAt_idx" ON "CallListEntry"("callListId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "CallListEntry_agentId_status_idx" ON "CallListEntry"("agentId", "status");

-- CreateIndex
CREATE INDEX "CallListEntry_customerId_idx" ON "CallListEntry"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "CallListEntry_callListId_customerId_key" ON "CallListEntry"("callListId", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "CallAttempt_touchpointId_key" ON "CallAttempt"("touchpointId");

-- CreateIndex
CREATE INDEX "CallAttempt_callListId_endedAt_idx" ON "CallAttempt"("callListId", "endedAt");

-- CreateIndex
CREATE INDEX "CallAttempt_agentId_endedAt_idx" ON "CallAttempt"("agentId", "endedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignMember_emailOutboxId_key" ON "CampaignMember"("emailOutboxId");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignMember_unsubscribeTokenHash_key" ON "CampaignMember"("unsubscribeTokenHash");

-- AddForeignKey
ALTER TABLE "CallList" ADD CONSTRAINT "CallList_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallList" ADD CONSTRAINT "CallList_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallList" ADD CONSTRAINT "CallList_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallListAgent" ADD CONSTRAINT "CallListAgent_callListId_fkey" FOREIGN KEY ("callListId") REFERENCES "CallList"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallListAgent" ADD CONSTRAINT "CallListAgent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallListEntry" ADD CONSTRAINT "CallListEntry_callListId_fkey" FOREIGN KEY ("callListId") REFERENCES "CallList"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallListEntry" ADD CONSTRAINT "CallListEntry_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallListEntry" ADD CONSTRAINT "CallListEntry_campaignMemberId_fkey" FOREIGN KEY ("campaignMemberId") REFERENCES "CampaignMember"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallListEntry" ADD CONSTRAINT "CallListEntry_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallAttempt" ADD CONSTRAINT "CallAttempt_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "CallListEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallAttempt" ADD CONSTRAINT "CallAttempt_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignEmail" ADD CONSTRAINT "CampaignEmail_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;
