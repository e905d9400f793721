-- AlterTable
ALTER TABLE "User" ADD COLUMN     "phoneExtension" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "User_phoneExtension_key" ON "User"("phoneExtension");
