-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "reactionsAnnouncedAt" TIMESTAMP(3),
ADD COLUMN     "reactionsChangedAt" TIMESTAMP(3);

