-- CreateTable
CREATE TABLE "Investigation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "wakeId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "probe" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "engine" TEXT NOT NULL,
    "fallbackReason" TEXT,
    "model" TEXT,
    "inputTokens" INTEGER NOT NULL DEFAULT 0,
    "outputTokens" INTEGER NOT NULL DEFAULT 0,
    "cacheCreationTokens" INTEGER NOT NULL DEFAULT 0,
    "cacheReadTokens" INTEGER NOT NULL DEFAULT 0,
    "costUsd" REAL NOT NULL DEFAULT 0,
    "summary" TEXT NOT NULL,
    "turns" INTEGER NOT NULL DEFAULT 0,
    "autofixAttempted" BOOLEAN NOT NULL DEFAULT false,
    "autofixOutcome" TEXT,
    "dmStatus" TEXT,
    "startedAt" DATETIME NOT NULL,
    "completedAt" DATETIME NOT NULL,
    "durationMs" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "DmMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" TEXT,
    "ts" TEXT,
    "threadTs" TEXT,
    "text" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "errorCode" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Investigation_wakeId_key" ON "Investigation"("wakeId");

-- CreateIndex
CREATE INDEX "Investigation_probe_category_startedAt_idx" ON "Investigation"("probe", "category", "startedAt");

-- CreateIndex
CREATE INDEX "Investigation_sessionId_idx" ON "Investigation"("sessionId");

-- CreateIndex
CREATE INDEX "Investigation_startedAt_idx" ON "Investigation"("startedAt");

-- CreateIndex
CREATE UNIQUE INDEX "DmMessage_dedupeKey_key" ON "DmMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "DmMessage_sessionId_createdAt_idx" ON "DmMessage"("sessionId", "createdAt");
