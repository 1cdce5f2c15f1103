-- CreateEnum
CREATE TYPE "ModerationActionKind" AS ENUM ('APPROVE', 'REJECT', 'MARK_SPAM', 'RESTORE', 'CLOSE_COMMENTS', 'OPEN_COMMENTS', 'SET_MODERATION');

-- CreateEnum
CREATE TYPE "CommentEventKind" AS ENUM ('ADDED', 'EDITED', 'DELETED', 'STATUS_CHANGED');

-- AlterTable
ALTER TABLE "Comment" ADD COLUMN     "editKeyHash" TEXT;

-- CreateTable
CREATE TABLE "CommentEdit" (
    "id" SERIAL NOT NULL,
    "commentId" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "editedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommentEdit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Mention" (
    "id" SERIAL NOT NULL,
    "commentId" INTEGER NOT NULL,
    "mentionedCommentId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Mention_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModerationAction" (
    "id" SERIAL NOT NULL,
    "kind" "ModerationActionKind" NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "articleId" INTEGER,
    "commentId" INTEGER,
    "fromStatus" "CommentStatus",
    "toStatus" "CommentStatus",
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModerationAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CommentEvent" (
    "position" SERIAL NOT NULL,
    "kind" "CommentEventKind" NOT NULL,
    "commentId" INTEGER NOT NULL,
    "articleId" INTEGER NOT NULL,
    "threadId" INTEGER NOT NULL,
    "fromStatus" "CommentStatus",
    "toStatus" "CommentStatus" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CommentEvent_pkey" PRIMARY KEY ("position")
);

-- CreateIndex
CREATE INDEX "CommentEdit_commentId_editedAt_idx" ON "CommentEdit"("commentId", "editedAt");

-- CreateIndex
CREATE INDEX "Mention_mentionedCommentId_idx" ON "Mention"("mentionedCommentId");

-- CreateIndex
CREATE UNIQUE INDEX "Mention_commentId_mentionedCommentId_key" ON "Mention"("commentId", "mentionedCommentId");

-- CreateIndex
CREATE INDEX "ModerationAction_commentId_createdAt_idx" ON "ModerationAction"("commentId", "createdAt");

-- CreateIndex
CREATE INDEX "ModerationAction_articleId_createdAt_idx" ON "ModerationAction"("articleId", "createdAt");

-- CreateIndex
CREATE INDEX "CommentEvent_articleId_position_idx" ON "CommentEvent"("articleId", "position");

-- CreateIndex
CREATE INDEX "CommentEvent_threadId_position_idx" ON "CommentEvent"("threadId", "position");

-- CreateIndex
CREATE INDEX "CommentEvent_createdAt_idx" ON "CommentEvent"("createdAt");

-- AddForeignKey
ALTER TABLE "CommentEdit" ADD CONSTRAINT "CommentEdit_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mention" ADD CONSTRAINT "Mention_mentionedCommentId_fkey" FOREIGN KEY ("mentionedCommentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModerationAction" ADD CONSTRAINT "ModerationAction_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CommentEvent" ADD CONSTRAINT "CommentEvent_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

