-- AlterTable
ALTER TABLE "Article" ADD COLUMN "commentsClosedAt" DATETIME;

