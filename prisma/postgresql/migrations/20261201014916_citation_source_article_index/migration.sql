-- DropIndex
DROP INDEX "Citation_sourceId_idx";

-- CreateIndex
CREATE INDEX "Citation_sourceId_articleId_idx" ON "Citation"("sourceId", "articleId");

