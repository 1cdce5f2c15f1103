-- CreateIndex: published articles newest first, drafts (no publishedAt) last, as the NEWEST order
-- reads them. Written by hand: Prisma cannot declare where an index puts its nulls. SQLite's
-- descending order already puts nulls last.
CREATE INDEX "Article_status_publishedAt_id_newest_idx" ON "Article"("status", "publishedAt" DESC, "id" DESC);
