-- AlterEnum
ALTER TYPE "ArticleEventKind" ADD VALUE 'COMMENTS_CLOSED';

-- AlterEnum
ALTER TYPE "ModerationActionKind" ADD VALUE 'SET_COMMENTS_CLOSING';

-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "commentsClosedAt" TIMESTAMP(3);

