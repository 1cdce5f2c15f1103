-- AlterTable
ALTER TABLE "Article" ADD COLUMN "commentsCloseAfterDays" INTEGER;

-- CreateTable
CREATE TABLE "CommentReaction" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "commentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "reactorKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommentReaction_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommentReport" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "commentId" INTEGER NOT NULL,
    "reporterKey" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "text" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    CONSTRAINT "CommentReport_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable: columns added in place, so the hand-made thread-order indexes on "Comment" stay.
ALTER TABLE "Comment" ADD COLUMN "reactionCounts" JSONB NOT NULL DEFAULT '{}';
ALTER TABLE "Comment" ADD COLUMN "reactionTotal" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Comment" ADD COLUMN "bestScore" REAL NOT NULL DEFAULT 0;
ALTER TABLE "Comment" ADD COLUMN "reportCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Comment" ADD COLUMN "reviewedAt" DATETIME;
ALTER TABLE "Comment" ADD COLUMN "featuredAt" DATETIME;
ALTER TABLE "Comment" ADD COLUMN "featuredById" TEXT;
ALTER TABLE "Comment" ADD COLUMN "featuredNote" TEXT;
ALTER TABLE "Comment" ADD COLUMN "staffRole" TEXT;
CREATE INDEX "Comment_parentId_bestScore_createdAt_id_idx" ON "Comment"("parentId", "bestScore", "createdAt", "id");
CREATE INDEX "Comment_articleId_featuredAt_idx" ON "Comment"("articleId", "featuredAt");
CREATE INDEX "Comment_reportCount_createdAt_idx" ON "Comment"("reportCount", "createdAt");
CREATE INDEX "Comment_status_reviewedAt_createdAt_idx" ON "Comment"("status", "reviewedAt", "createdAt");
ALTER TABLE "ModerationSettings" ADD COLUMN "reportThreshold" INTEGER NOT NULL DEFAULT 3;
ALTER TABLE "ModerationSettings" ADD COLUMN "commentsCloseAfterDays" INTEGER;

-- CreateIndex
CREATE INDEX "CommentReaction_reactorKey_idx" ON "CommentReaction"("reactorKey");

-- CreateIndex
CREATE UNIQUE INDEX "CommentReaction_commentId_kind_reactorKey_key" ON "CommentReaction"("commentId", "kind", "reactorKey");

-- CreateIndex
CREATE INDEX "CommentReport_resolvedAt_createdAt_idx" ON "CommentReport"("resolvedAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CommentReport_commentId_reporterKey_key" ON "CommentReport"("commentId", "reporterKey");


-- The BEST order of top-level comments, read a page at a time (Prisma cannot declare a partial index).
CREATE INDEX "Comment_top_level_best_idx" ON "Comment"("articleId", "bestScore" DESC, "createdAt" DESC, "id" DESC) WHERE "parentId" IS NULL;
