-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "reactionsAnnouncedAt" DATETIME;
ALTER TABLE "Comment" ADD COLUMN "reactionsChangedAt" DATETIME;

