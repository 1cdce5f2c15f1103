-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "editKeyHash" TEXT;

-- CreateTable
CREATE TABLE "CommentEdit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "commentId" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "editedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommentEdit_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Mention" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "commentId" INTEGER NOT NULL,
    "mentionedCommentId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "Mention_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Mention_mentionedCommentId_fkey" FOREIGN KEY ("mentionedCommentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ModerationAction" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "articleId" INTEGER,
    "commentId" INTEGER,
    "fromStatus" TEXT,
    "toStatus" TEXT,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ModerationAction_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommentEvent" (
    "position" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "commentId" INTEGER NOT NULL,
    "articleId" INTEGER NOT NULL,
    "threadId" INTEGER NOT NULL,
    "fromStatus" TEXT,
    "toStatus" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CommentEvent_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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

