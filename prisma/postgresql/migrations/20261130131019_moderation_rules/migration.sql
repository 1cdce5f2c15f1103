-- CreateEnum
CREATE TYPE "ModerationRuleKind" AS ENUM ('BANNED_WORD', 'SUSPECT_WORD', 'BLOCKED_DOMAIN', 'ALLOWED_DOMAIN');

-- CreateEnum
CREATE TYPE "ModerationReasonCode" AS ENUM ('BANNED_WORD', 'SUSPECT_WORD', 'TOO_MANY_LINKS', 'BLOCKED_DOMAIN', 'UNLISTED_DOMAIN', 'NEW_COMMENTER', 'PREMODERATED_COMMENTER');

-- CreateEnum
CREATE TYPE "CommenterMatch" AS ENUM ('USER', 'EMAIL', 'EMAIL_DOMAIN');

-- CreateEnum
CREATE TYPE "Standing" AS ENUM ('BANNED', 'SUSPENDED', 'PREMODERATED', 'TRUSTED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ModerationActionKind" ADD VALUE 'ADD_RULE';
ALTER TYPE "ModerationActionKind" ADD VALUE 'REMOVE_RULE';
ALTER TYPE "ModerationActionKind" ADD VALUE 'CHANGE_RULE_SETTINGS';
ALTER TYPE "ModerationActionKind" ADD VALUE 'SET_COMMENTER_STANDING';
ALTER TYPE "ModerationActionKind" ADD VALUE 'CLEAR_COMMENTER_STANDING';

-- CreateTable
CREATE TABLE "ModerationRule" (
    "id" SERIAL NOT NULL,
    "kind" "ModerationRuleKind" NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT NOT NULL,

    CONSTRAINT "ModerationRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModerationSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "maxLinks" INTEGER NOT NULL DEFAULT 3,
    "premodNewcomers" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModerationSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModerationReason" (
    "id" SERIAL NOT NULL,
    "commentId" INTEGER NOT NULL,
    "code" "ModerationReasonCode" NOT NULL,
    "detail" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModerationReason_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommenterStanding" (
    "id" SERIAL NOT NULL,
    "match" "CommenterMatch" NOT NULL,
    "value" TEXT NOT NULL,
    "standing" "Standing" NOT NULL,
    "until" TIMESTAMP(3),
    "note" TEXT,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommenterStanding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ModerationRule_kind_value_key" ON "ModerationRule"("kind", "value");

-- CreateIndex
CREATE INDEX "ModerationReason_commentId_idx" ON "ModerationReason"("commentId");

-- CreateIndex
CREATE UNIQUE INDEX "CommenterStanding_match_value_key" ON "CommenterStanding"("match", "value");

-- CreateIndex
CREATE INDEX "Comment_guestEmail_status_idx" ON "Comment"("guestEmail", "status");

-- CreateIndex
CREATE INDEX "Comment_userId_status_idx" ON "Comment"("userId", "status");

-- AddForeignKey
ALTER TABLE "ModerationReason" ADD CONSTRAINT "ModerationReason_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

