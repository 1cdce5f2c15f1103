-- AlterTable
ALTER TABLE "Citation" ADD COLUMN "articlePublishedAt" DATETIME;


-- Written by hand: a citation carries its article's publishedAt so that a source's citations can be
-- read in their articles' NEWEST order from one index. The triggers keep the copy on every write
-- to either table, whoever makes it, and put back a write to the copy itself.
CREATE INDEX "Citation_sourceId_articlePublishedAt_articleId_idx" ON "Citation"("sourceId", "articlePublishedAt" DESC, "articleId" DESC);

UPDATE "Citation" SET "articlePublishedAt" = (SELECT "publishedAt" FROM "Article" WHERE "Article"."id" = "Citation"."articleId");

CREATE TRIGGER "Citation_articlePublishedAt_insert" AFTER INSERT ON "Citation"
BEGIN
  UPDATE "Citation" SET "articlePublishedAt" = (SELECT "publishedAt" FROM "Article" WHERE "id" = NEW."articleId") WHERE "id" = NEW."id";
END;

CREATE TRIGGER "Citation_articlePublishedAt_update" AFTER UPDATE OF "articleId", "articlePublishedAt" ON "Citation"
BEGIN
  UPDATE "Citation" SET "articlePublishedAt" = (SELECT "publishedAt" FROM "Article" WHERE "id" = NEW."articleId") WHERE "id" = NEW."id";
END;

CREATE TRIGGER "Article_publishedAt_citations" AFTER UPDATE OF "publishedAt" ON "Article"
BEGIN
  UPDATE "Citation" SET "articlePublishedAt" = NEW."publishedAt" WHERE "articleId" = NEW."id";
END;
