-- CreateIndex: articles oldest first (drafts last), by title and by last update, as the OLDEST,
-- TITLE and RECENTLY_UPDATED orders read them, so a page is read from the index instead of sorting
-- every article. Written by hand beside the NEWEST order's index, for the same reason (where nulls
-- go, descending columns).
CREATE INDEX "Article_status_publishedAt_id_oldest_idx" ON "Article"("status", "publishedAt" ASC, "id" ASC);
CREATE INDEX "Article_status_title_id_idx" ON "Article"("status", "title", "id");
CREATE INDEX "Article_status_updatedAt_id_idx" ON "Article"("status", "updatedAt" DESC, "id" DESC);

-- CreateIndex: top-level comments of an article by replies, as the MOST_REPLIES order reads them
-- (partial, like the thread order's index: Prisma cannot declare it).
CREATE INDEX "Comment_articleId_replyCount_createdAt_id_top_idx" ON "Comment"("articleId", "replyCount" DESC, "createdAt" DESC, "id" DESC) WHERE "parentId" IS NULL;
