-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DmMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" TEXT,
    "ts" TEXT,
    "threadTs" TEXT,
    "text" TEXT NOT NULL,
    "blocks" TEXT,
    "status" TEXT NOT NULL,
    "errorCode" TEXT,
    "failureReason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "mayHavePosted" BOOLEAN NOT NULL DEFAULT false,
    "nextAttemptAt" DATETIME,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "lastAttemptAt" DATETIME,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_DmMessage" ("attempts", "channel", "createdAt", "dedupeKey", "errorCode", "id", "kind", "sessionId", "status", "text", "threadTs", "ts", "updatedAt") SELECT "attempts", "channel", "createdAt", "dedupeKey", "errorCode", "id", "kind", "sessionId", "status", "text", "threadTs", "ts", "updatedAt" FROM "DmMessage";
DROP TABLE "DmMessage";
ALTER TABLE "new_DmMessage" RENAME TO "DmMessage";
CREATE UNIQUE INDEX "DmMessage_dedupeKey_key" ON "DmMessage"("dedupeKey");
CREATE INDEX "DmMessage_sessionId_createdAt_idx" ON "DmMessage"("sessionId", "createdAt");
CREATE INDEX "DmMessage_status_nextAttemptAt_idx" ON "DmMessage"("status", "nextAttemptAt");
-- Rows written before the outbox: a failed send was final then, and a sent one was sent when last updated.
UPDATE "DmMessage" SET "status" = 'failed', "failureReason" = 'Not delivered; recorded before Lookout retried messages.' WHERE "status" = 'failed_send';
UPDATE "DmMessage" SET "sentAt" = "updatedAt" WHERE "status" = 'sent';
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
