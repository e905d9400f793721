-- CreateEnum
CREATE TYPE "SegmentKind" AS ENUM ('DYNAMIC', 'STATIC');

-- AlterTable
ALTER TABLE "Segment" ADD COLUMN     "builtInKey" TEXT,
ADD COLUMN     "kind" "SegmentKind" NOT NULL DEFAULT 'DYNAMIC',
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "managerId" INTEGER,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "passwordChangedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "SegmentMembershipChange" (
    "id" BIGSERIAL NOT NULL,
    "segmentId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "joined" BOOLEAN NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "runId" INTEGER,

    CONSTRAINT "SegmentMembershipChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SegmentMembershipChange_segmentId_at_idx" ON "SegmentMembershipChange"("segmentId", "at");

-- CreateIndex
CREATE INDEX "SegmentMembershipChange_customerId_at_idx" ON "SegmentMembershipChange"("customerId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Segment_builtInKey_key" ON "Segment"("builtInKey");

-- CreateIndex
CREATE INDEX "Segment_ownerId_idx" ON "Segment"("ownerId");

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SegmentMembershipChange" ADD CONSTRAINT "SegmentMembershipChange_segmentId_fkey" FOREIGN KEY ("segmentId") REFERENCES "Segment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
