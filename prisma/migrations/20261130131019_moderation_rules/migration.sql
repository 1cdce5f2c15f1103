-- CreateTable
CREATE TABLE "ModerationRule" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ModerationSettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "maxLinks" INTEGER NOT NULL DEFAULT 3,
    "premodNewcomers" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "ModerationReason" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "commentId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "detail" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ModerationReason_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "Comment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CommenterStanding" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "match" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "standing" TEXT NOT NULL,
    "until" DATETIME,
    "note" TEXT,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
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

