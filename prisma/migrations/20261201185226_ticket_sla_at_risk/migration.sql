-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN     "slaAtRiskAt" TIMESTAMP(3);
