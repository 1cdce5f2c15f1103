-- CreateIndex
CREATE INDEX "Comment_parentId_createdAt_id_idx" ON "Comment"("parentId", "createdAt", "id");


-- CreateIndex: top-level comments of an article in thread order (partial: Prisma cannot declare it)
CREATE INDEX "Comment_articleId_createdAt_id_top_idx" ON "Comment"("articleId", "createdAt", "id") WHERE "parentId" IS NULL;
