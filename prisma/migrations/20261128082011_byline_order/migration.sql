-- CreateIndex
CREATE INDEX "Byline_articleId_position_idx" ON "Byline"("articleId", "position");

