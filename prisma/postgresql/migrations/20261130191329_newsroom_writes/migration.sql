-- CreateEnum
CREATE TYPE "RevisionKind" AS ENUM ('CREATED', 'EDITED', 'SUBMITTED', 'PUBLISHED', 'SCHEDULED', 'UNPUBLISHED', 'ARCHIVED', 'CORRECTED');

-- CreateEnum
CREATE TYPE "ArticleEventKind" AS ENUM ('UPDATED', 'PUBLISHED', 'UNPUBLISHED', 'CORRECTED');

-- AlterEnum
ALTER TYPE "ArticleStatus" ADD VALUE 'IN_REVIEW';

-- AlterTable
ALTER TABLE "Author" ADD COLUMN     "userId" TEXT;

-- AlterTable
ALTER TABLE "Article" ADD COLUMN     "createdById" TEXT,
ADD COLUMN     "embargoUntil" TIMESTAMP(3),
ADD COLUMN     "publicationPending" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "version" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "ArticleSlug" (
    "slug" TEXT NOT NULL,
    "articleId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArticleSlug_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "ArticleRevision" (
    "id" SERIAL NOT NULL,
    "articleId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" "RevisionKind" NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "fields" JSONB NOT NULL,
    "before" JSONB NOT NULL,
    "after" JSONB NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArticleRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArticleEvent" (
    "position" SERIAL NOT NULL,
    "kind" "ArticleEventKind" NOT NULL,
    "articleId" INTEGER NOT NULL,
    "revisionId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArticleEvent_pkey" PRIMARY KEY ("position")
);

-- CreateTable
CREATE TABLE "PreviewLink" (
    "id" SERIAL NOT NULL,
    "articleId" INTEGER NOT NULL,
    "tokenId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "PreviewLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MergedRecord" (
    "typename" TEXT NOT NULL,
    "fromId" INTEGER NOT NULL,
    "toId" INTEGER NOT NULL,
    "actorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MergedRecord_pkey" PRIMARY KEY ("typename","fromId")
);

-- CreateIndex
CREATE INDEX "ArticleSlug_articleId_idx" ON "ArticleSlug"("articleId");

-- CreateIndex
CREATE INDEX "ArticleRevision_articleId_kind_id_idx" ON "ArticleRevision"("articleId", "kind", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ArticleRevision_articleId_version_key" ON "ArticleRevision"("articleId", "version");

-- CreateIndex
CREATE INDEX "ArticleEvent_articleId_position_idx" ON "ArticleEvent"("articleId", "position");

-- CreateIndex
CREATE INDEX "ArticleEvent_createdAt_idx" ON "ArticleEvent"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PreviewLink_tokenId_key" ON "PreviewLink"("tokenId");

-- CreateIndex
CREATE INDEX "PreviewLink_articleId_idx" ON "PreviewLink"("articleId");

-- CreateIndex
CREATE INDEX "MergedRecord_typename_toId_idx" ON "MergedRecord"("typename", "toId");

-- CreateIndex
CREATE UNIQUE INDEX "Author_userId_key" ON "Author"("userId");

-- CreateIndex
CREATE INDEX "Article_publicationPending_publishedAt_idx" ON "Article"("publicationPending", "publishedAt");

-- AddForeignKey
ALTER TABLE "ArticleSlug" ADD CONSTRAINT "ArticleSlug_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleRevision" ADD CONSTRAINT "ArticleRevision_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PreviewLink" ADD CONSTRAINT "PreviewLink_articleId_fkey" FOREIGN KEY ("articleId") REFERENCES "Article"("id") ON DELETE CASCADE ON UPDATE CASCADE;

