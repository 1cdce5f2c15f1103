-- AlterEnum
ALTER TYPE "ArticleEventKind" ADD VALUE 'COMMENTS_CLOSED';

-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "commentsClosedAt" TIMESTAMP(3);

