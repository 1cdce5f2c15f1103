-- AlterTable
ALTER TABLE "Comment" ADD COLUMN "idempotencyKey" TEXT;
ALTER TABLE "Comment" ADD COLUMN "requestHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Comment_idempotencyKey_key" ON "Comment"("idempotencyKey");

