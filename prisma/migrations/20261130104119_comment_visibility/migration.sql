-- AlterTable (columns added in place: redefining the table would drop the hand-written partial index)
ALTER TABLE "Comment" ADD COLUMN "hiddenAncestors" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Comment" ADD COLUMN "pendingBody" TEXT;
ALTER TABLE "Comment" ADD COLUMN "pendingEditAt" DATETIME;

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
