-- CreateEnum
CREATE TYPE "ReportReason" AS ENUM ('ABUSIVE', 'SPAM', 'OFF_TOPIC', 'MISINFORMATION', 'OTHER');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ModerationActionKind" ADD VALUE 'FEATURE';
ALTER TYPE "ModerationActionKind" ADD VALUE 'UNFEATURE';
ALTER TYPE "ModerationActionKind" ADD VALUE 'DISMISS_REPORTS';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "CommentEventKind" ADD VALUE 'REACTIONS_CHANGED';
ALTER TYPE "CommentEventKind" ADD VALUE 'FEATURED';
ALTER TYPE "CommentEventKind" ADD VALUE 'UNFEATURED';
ALTER TYPE "CommentEventKind" ADD VALUE 'REPORTED';

-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "commentsCloseAfterDays" INTEGER;

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "bestScore" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "featuredAt" TIMESTAMP(3),
ADD COLUMN     "featuredById" TEXT,
ADD COLUMN     "featuredNote" TEXT,
ADD COLUMN     "reactionCounts" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "reactionTotal" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reportCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reviewedAt" TIMESTAMP(3),
ADD COLUMN     "staffRole" TEXT;

-- AlterTable
ALTER TABLE "ModerationSettings" ADD COLUMN     "commentsCloseAfterDays" INTEGER,
ADD COLUMN     "reportThreshold" INTEGER NOT NULL DEFAULT 3;

-- CreateTable
CREATE TABLE "CommentReaction" (
    "id" SERIAL NOT NULL,
    "commentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "reactorKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommentReaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommentReport" (
    "id" SERIAL NOT NULL,
    "commentId" INTEGER NOT NULL,
    "reporterKey" TEXT NOT NULL,
    "reason" "ReportReason" NOT NULL,
    "text" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "CommentReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CommentReaction_reactorKey_idx" ON "CommentReaction"("reactorKey");

-- CreateIndex
CREATE UNIQUE INDEX "CommentReaction_commentId_kind_reactorKey_key" ON "CommentReaction"("commentId", "kind", "reactorKey");

-- CreateIndex
CREATE INDEX "CommentReport_resolvedAt_createdAt_idx" ON "CommentReport"("resolvedAt", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CommentReport_commentId_reporterKey_key" ON "CommentReport"("commentId", "reporterKey");

-- CreateIndex
CREATE INDEX "Comment_parentId_bestScore_createdAt_id_idx" ON "Comment"("parentId", "bestScore", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Comment_articleId_featuredAt_idx" ON "Comment"("articleId", "featuredAt");

-- CreateIndex
CREATE INDEX "Comment_reportCount_createdAt_idx" ON "Comment"("reportCount", "createdAt");

-- CreateIndex
CREATE INDEX "Comment_status_reviewedAt_createdAt_idx" ON "Comment"("status", "reviewedAt", "createdAt");

-- AddForeignKey
ALTER TABLE "CommentReaction" ADD CONSTRAINT "CommentReaction_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommentReport" ADD CONSTRAINT "CommentReport_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The BEST order of top-level comments, read a page at a time (Prisma cannot declare a partial index).
CREATE INDEX "Comment_top_level_best_idx" ON "Comment"("articleId", "bestScore" DESC, "createdAt" DESC, "id" DESC) WHERE "parentId" IS NULL;
