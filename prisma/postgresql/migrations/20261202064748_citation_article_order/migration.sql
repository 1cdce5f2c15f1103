-- AlterTable
ALTER TABLE "Citation" ADD COLUMN     "articlePublishedAt" TIMESTAMP(3);

-- Written by hand: a citation carries its article's publishedAt so that a source's citations can be
-- read in their articles' NEWEST order from one index (Prisma cannot declare where an index puts
-- its nulls). The triggers keep the copy on every write to either table, whoever makes it, and put
-- back a write to the copy itself. Prisma's PostgreSQL adapter runs a migration split at every
-- semicolon, so the functions' bodies are E-strings spelling theirs as the octal escape 073.
CREATE INDEX "Citation_sourceId_articlePublishedAt_articleId_idx" ON "Citation"("sourceId", "articlePublishedAt" DESC NULLS LAST, "articleId" DESC);

UPDATE "Citation" c SET "articlePublishedAt" = a."publishedAt" FROM "Article" a WHERE a."id" = c."articleId";

CREATE FUNCTION "citation_article_published_at"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  NEW."articlePublishedAt" := (SELECT "publishedAt" FROM "Article" WHERE "id" = NEW."articleId")\073
  RETURN NEW\073
END
';

CREATE TRIGGER "Citation_articlePublishedAt" BEFORE INSERT OR UPDATE ON "Citation"
FOR EACH ROW EXECUTE FUNCTION "citation_article_published_at"();

CREATE FUNCTION "article_published_at_citations"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  UPDATE "Citation" SET "articlePublishedAt" = NEW."publishedAt" WHERE "articleId" = NEW."id"\073
  RETURN NULL\073
END
';

CREATE TRIGGER "Article_publishedAt_citations" AFTER UPDATE OF "publishedAt" ON "Article"
FOR EACH ROW WHEN (OLD."publishedAt" IS DISTINCT FROM NEW."publishedAt") EXECUTE FUNCTION "article_published_at_citations"();
