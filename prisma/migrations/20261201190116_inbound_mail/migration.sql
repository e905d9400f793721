-- CreateEnum
CREATE TYPE "InboundMailStatus" AS ENUM ('TRIAGE', 'TICKETED', 'DISCARDED');

-- CreateTable
CREATE TABLE "InboundMail" (
    "id" SERIAL NOT NULL,
    "messageId" TEXT NOT NULL,
    "fromAddress" TEXT NOT NULL,
    "fromName" TEXT,
    "subject" TEXT NOT NULL,
    "textBody" TEXT NOT NULL,
    "status" "InboundMailStatus" NOT NULL,
    "ticketId" INTEGER,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "handledById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundMail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InboundMail_messageId_key" ON "InboundMail"("messageId");

-- CreateIndex
CREATE INDEX "InboundMail_status_receivedAt_idx" ON "InboundMail"("status", "receivedAt");

-- AddForeignKey
ALTER TABLE "InboundMail" ADD CONSTRAINT "InboundMail_ticketId_fkey" FOREIGN KEY ("ticketId") REFERENCES "Ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;
