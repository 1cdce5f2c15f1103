-- DropIndex
DROP INDEX "Byline_authorId_idx";

-- CreateIndex
CREATE INDEX "Byline_authorId_articleId_idx" ON "Byline"("authorId", "articleId");

