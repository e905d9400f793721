-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "createdById" INTEGER;

-- AlterTable
ALTER TABLE "Opportunity" ADD COLUMN     "productCategoryId" INTEGER;

-- AlterTable
ALTER TABLE "Quote" ADD COLUMN     "acceptedAt" TIMESTAMP(3),
ADD COLUMN     "createdById" INTEGER,
ADD COLUMN     "notes" TEXT;

-- AlterTable
ALTER TABLE "Team" ADD COLUMN     "lastLeadAssigneeId" INTEGER;

-- CreateTable
CREATE TABLE "SalesTarget" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER,
    "teamId" INTEGER,
    "month" TIMESTAMP(3) NOT NULL,
    "amount" DECIMAL(14,2) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SalesTarget_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SalesTarget_month_idx" ON "SalesTarget"("month");

-- CreateIndex
CREATE UNIQUE INDEX "SalesTarget_userId_month_key" ON "SalesTarget"("userId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "SalesTarget_teamId_month_key" ON "SalesTarget"("teamId", "month");

-- CreateIndex
CREATE INDEX "Appointment_opportunityId_idx" ON "Appointment"("opportunityId");

-- CreateIndex
CREATE INDEX "Appointment_startsAt_endsAt_idx" ON "Appointment"("startsAt", "endsAt");

-- CreateIndex
CREATE INDEX "Opportunity_productCategoryId_idx" ON "Opportunity"("productCategoryId");

-- CreateIndex
CREATE INDEX "Opportunity_closedAt_idx" ON "Opportunity"("closedAt");

-- CreateIndex
CREATE INDEX "Opportunity_lastActivityAt_idx" ON "Opportunity"("lastActivityAt");

-- CreateIndex
CREATE INDEX "Task_opportunityId_idx" ON "Task"("opportunityId");

-- CreateIndex
CREATE INDEX "Task_ownerId_reminderAt_idx" ON "Task"("ownerId", "reminderAt");

-- AddForeignKey
ALTER TABLE "Lead" ADD CONSTRAINT "Lead_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Opportunity" ADD CONSTRAINT "Opportunity_productCategoryId_fkey" FOREIGN KEY ("productCategoryId") REFERENCES "ProductCategory"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SalesTarget" ADD CONSTRAINT "SalesTarget_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SalesTarget" ADD CONSTRAINT "SalesTarget_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A target belongs to exactly one rep or one team (Prisma cannot express this check).
ALTER TABLE "SalesTarget" ADD CONSTRAINT "SalesTarget_one_owner_check" CHECK (("userId" IS NULL) <> ("teamId" IS NULL));
