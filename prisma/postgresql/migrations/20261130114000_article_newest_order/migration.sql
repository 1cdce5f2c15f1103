-- CreateIndex: published articles newest first, drafts (no publishedAt) last, as the NEWEST order
-- reads them. Written by hand: Prisma cannot declare where an index puts its nulls, and
-- PostgreSQL's descending order would put them first, so the front page could not read the index.
CREATE INDEX "Article_status_publishedAt_id_newest_idx" ON "Article"("status", "publishedAt" DESC NULLS LAST, "id" DESC);
