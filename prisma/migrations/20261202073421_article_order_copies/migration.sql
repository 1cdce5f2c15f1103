-- AlterTable
ALTER TABLE "Byline" ADD COLUMN "articlePublishedAt" DATETIME;

-- AlterTable
ALTER TABLE "ArticleTopic" ADD COLUMN "articlePublishedAt" DATETIME;

-- AlterTable
ALTER TABLE "Citation" ADD COLUMN "articlePublishedAt" DATETIME;

-- Written by hand: a citation, a byline and a topic link each carry their article's publishedAt, so
-- that a source's, an author's or a topic's articles can be read in their NEWEST order from one
-- index. The triggers keep the copy on every write to either table, whoever makes it, and put back
-- a write to the copy itself. SQLite's descending order already puts nulls last.

CREATE INDEX "Citation_sourceId_articlePublishedAt_articleId_idx" ON "Citation"("sourceId", "articlePublishedAt" DESC, "articleId" DESC);

UPDATE "Citation" SET "articlePublishedAt" = (SELECT "publishedAt" FROM "Article" WHERE "Article"."id" = "Citation"."articleId");

CREATE TRIGGER "Citation_articlePublishedAt_insert" AFTER INSERT ON "Citation"
BEGIN
  UPDATE "Citation" SET "articlePublishedAt" = (SELECT "publishedAt" FROM "Article" WHERE "id" = NEW."articleId") WHERE "rowid" = NEW."rowid";
END;

CREATE TRIGGER "Citation_articlePublishedAt_update" AFTER UPDATE OF "articleId", "articlePublishedAt" ON "Citation"
BEGIN
  UPDATE "Citation" SET "articlePublishedAt" = (SELECT "publishedAt" FROM "Article" WHERE "id" = NEW."articleId") WHERE "rowid" = NEW."rowid";
END;

CREATE INDEX "Byline_authorId_articlePublishedAt_articleId_idx" ON "Byline"("authorId", "articlePublishedAt" DESC, "articleId" DESC);

UPDATE "Byline" SET "articlePublishedAt" = (SELECT "publishedAt" FROM "Article" WHERE "Article"."id" = "Byline"."articleId");

CREATE TRIGGER "Byline_articlePublishedAt_insert" AFTER INSERT ON "Byline"
BEGIN
  UPDATE "Byline" SET "articlePublishedAt" = (SELECT "publishedAt" FROM "Article" WHERE "id" = NEW."articleId") WHERE "rowid" = NEW."rowid";
END;

CREATE TRIGGER "Byline_articlePublishedAt_update" AFTER UPDATE OF "articleId", "articlePublishedAt" ON "Byline"
BEGIN
  UPDATE "Byline" SET "articlePublishedAt" = (SELECT "publishedAt" FROM "Article" WHERE "id" = NEW."articleId") WHERE "rowid" = NEW."rowid";
END;

CREATE INDEX "ArticleTopic_topicId_articlePublishedAt_articleId_idx" ON "ArticleTopic"("topicId", "articlePublishedAt" DESC, "articleId" DESC);

UPDATE "ArticleTopic" SET "articlePublishedAt" = (SELECT "publishedAt" FROM "Article" WHERE "Article"."id" = "ArticleTopic"."articleId");

CREATE TRIGGER "ArticleTopic_articlePublishedAt_insert" AFTER INSERT ON "ArticleTopic"
BEGIN
  UPDATE "ArticleTopic" SET "articlePublishedAt" = (SELECT "publishedAt" FROM "Article" WHERE "id" = NEW."articleId") WHERE "rowid" = NEW."rowid";
END;

CREATE TRIGGER "ArticleTopic_articlePublishedAt_update" AFTER UPDATE OF "articleId", "articlePublishedAt" ON "ArticleTopic"
BEGIN
  UPDATE "ArticleTopic" SET "articlePublishedAt" = (SELECT "publishedAt" FROM "Article" WHERE "id" = NEW."articleId") WHERE "rowid" = NEW."rowid";
END;

CREATE TRIGGER "Article_publishedAt_copies" AFTER UPDATE OF "publishedAt" ON "Article"
BEGIN
  UPDATE "Citation" SET "articlePublishedAt" = NEW."publishedAt" WHERE "articleId" = NEW."id";
  UPDATE "Byline" SET "articlePublishedAt" = NEW."publishedAt" WHERE "articleId" = NEW."id";
  UPDATE "ArticleTopic" SET "articlePublishedAt" = NEW."publishedAt" WHERE "articleId" = NEW."id";
END;
