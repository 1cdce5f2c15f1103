-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ModerationActionKind" ADD VALUE 'APPROVE_EDIT';
ALTER TYPE "ModerationActionKind" ADD VALUE 'REJECT_EDIT';

-- AlterEnum
ALTER TYPE "CommentEventKind" ADD VALUE 'EDIT_SUBMITTED';

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "hiddenAncestors" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "pendingBody" TEXT,
ADD COLUMN     "pendingEditAt" TIMESTAMP(3);


-- Backfill: every reply counts its ancestors whose status hides their replies.
WITH RECURSIVE "chain"("id", "ancestor") AS (
  SELECT "id", "parentId" FROM "Comment" WHERE "parentId" IS NOT NULL
  UNION ALL
  SELECT "chain"."id", "c"."parentId" FROM "chain" JOIN "Comment" "c" ON "c"."id" = "chain"."ancestor" WHERE "c"."parentId" IS NOT NULL
)
UPDATE "Comment" SET "hiddenAncestors" = (
  SELECT COUNT(*) FROM "chain" JOIN "Comment" "a" ON "a"."id" = "chain"."ancestor"
  WHERE "chain"."id" = "Comment"."id" AND "a"."status" IN ('PENDING', 'REJECTED', 'SPAM')
) WHERE "parentId" IS NOT NULL;
