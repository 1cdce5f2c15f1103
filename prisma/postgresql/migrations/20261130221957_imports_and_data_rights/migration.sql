-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ModerationActionKind" ADD VALUE 'EXPORT_COMMENTER_DATA';
ALTER TYPE "ModerationActionKind" ADD VALUE 'ERASE_COMMENTER_DATA';

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "erasedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ImportedRecord" (
    "origin" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "localId" INTEGER NOT NULL,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportedRecord_pkey" PRIMARY KEY ("origin","kind","externalId")
);

-- CreateIndex
CREATE INDEX "ImportedRecord_kind_localId_idx" ON "ImportedRecord"("kind", "localId");

