-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "erasedAt" DATETIME;

-- CreateTable
CREATE TABLE "ImportedRecord" (
    "origin" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "localId" INTEGER NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("origin", "kind", "externalId")
);

-- CreateIndex
CREATE INDEX "ImportedRecord_kind_localId_idx" ON "ImportedRecord"("kind", "localId");

