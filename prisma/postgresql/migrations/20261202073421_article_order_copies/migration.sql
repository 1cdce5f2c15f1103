-- AlterTable
ALTER TABLE "Byline" ADD COLUMN     "articlePublishedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ArticleTopic" ADD COLUMN     "articlePublishedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Citation" ADD COLUMN     "articlePublishedAt" TIMESTAMP(3);

-- Written by hand: a citation, a byline and a topic link each carry their article's publishedAt, so
-- that a source's, an author's or a topic's articles can be read in their NEWEST order from one
-- index (Prisma cannot declare where an index puts its nulls). The triggers keep the copy on every
-- write to either table, whoever makes it, and put back a write to the copy itself. Prisma's
-- PostgreSQL adapter runs a migration split at every semicolon, so the functions' bodies are
-- E-strings spelling theirs as the octal escape 073.
CREATE FUNCTION "article_published_at_copy"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  NEW."articlePublishedAt" := (SELECT "publishedAt" FROM "Article" WHERE "id" = NEW."articleId")\073
  RETURN NEW\073
END
';

CREATE FUNCTION "article_published_at_copies"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE "Citation" SET "articlePublishedAt" = NEW."publishedAt" WHERE "articleId" = NEW."id"\073
  UPDATE "Byline" SET "articlePublishedAt" = NEW."publishedAt" WHERE "articleId" = NEW."id"\073
  UPDATE "ArticleTopic" SET "articlePublishedAt" = NEW."publishedAt" WHERE "articleId" = NEW."id"\073
  RETURN NULL\073
END
';

CREATE TRIGGER "Article_publishedAt_copies" AFTER UPDATE OF "publishedAt" ON "Article"
FOR EACH ROW WHEN (OLD."publishedAt" IS DISTINCT FROM NEW."publishedAt") EXECUTE FUNCTION "article_published_at_copies"();

CREATE INDEX "Citation_sourceId_articlePublishedAt_articleId_idx" ON "Citation"("sourceId", "articlePublishedAt" DESC NULLS LAST, "articleId" DESC);

UPDATE "Citation" c SET "articlePublishedAt" = a."publishedAt" FROM "Article" a WHERE a."id" = c."articleId";

CREATE TRIGGER "Citation_articlePublishedAt" BEFORE INSERT OR UPDATE ON "Citation"
FOR EACH ROW EXECUTE FUNCTION "article_published_at_copy"();

CREATE INDEX "Byline_authorId_articlePublishedAt_articleId_idx" ON "Byline"("authorId", "articlePublishedAt" DESC NULLS LAST, "articleId" DESC);

UPDATE "Byline" c SET "articlePublishedAt" = a."publishedAt" FROM "Article" a WHERE a."id" = c."articleId";

CREATE TRIGGER "Byline_articlePublishedAt" BEFORE INSERT OR UPDATE ON "Byline"
FOR EACH ROW EXECUTE FUNCTION "article_published_at_copy"();

CREATE INDEX "ArticleTopic_topicId_articlePublishedAt_articleId_idx" ON "ArticleTopic"("topicId", "articlePublishedAt" DESC NULLS LAST, "articleId" DESC);

UPDATE "ArticleTopic" c SET "articlePublishedAt" = a."publishedAt" FROM "Article" a WHERE a."id" = c."articleId";

CREATE TRIGGER "ArticleTopic_articlePublishedAt" BEFORE INSERT OR UPDATE ON "ArticleTopic"
FOR EACH ROW EXECUTE FUNCTION "article_published_at_copy"();
