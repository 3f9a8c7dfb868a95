-- CreateTable
CREATE TABLE "MaintenanceWindow" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "probe" TEXT,
    "reason" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
    "endsAt" DATETIME NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "endedAt" DATETIME,
    "endedBy" TEXT
);

-- CreateTable
CREATE TABLE "SlackInteraction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "sessionId" TEXT,
    "receivedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Incident" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "probe" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "resolvedAt" DATETIME,
    "issueCount" INTEGER NOT NULL DEFAULT 1,
    "openKey" TEXT,
    "debouncedCount" INTEGER NOT NULL DEFAULT 0,
    "investigationCount" INTEGER NOT NULL DEFAULT 0,
    "costUsd" REAL NOT NULL DEFAULT 0,
    "lastDmStatus" TEXT,
    "lastAutofixOutcome" TEXT,
    "acknowledgedAt" DATETIME,
    "acknowledgedBy" TEXT,
    "reminderCount" INTEGER NOT NULL DEFAULT 0,
    "lastReminderAt" DATETIME,
    "flappingSince" DATETIME,
    "flappingEndedAt" DATETIME,
    "maintenanceWindowId" TEXT,
    "escalatedFrom" TEXT
);
INSERT INTO "new_Incident" ("category", "costUsd", "debouncedCount", "detail", "id", "investigationCount", "issueCount", "lastAutofixOutcome", "lastDmStatus", "lastSeenAt", "openKey", "openedAt", "probe", "resolvedAt", "sessionId", "severity", "title") SELECT "category", "costUsd", "debouncedCount", "detail", "id", "investigationCount", "issueCount", "lastAutofixOutcome", "lastDmStatus", "lastSeenAt", "openKey", "openedAt", "probe", "resolvedAt", "sessionId", "severity", "title" FROM "Incident";
DROP TABLE "Incident";
ALTER TABLE "new_Incident" RENAME TO "Incident";
CREATE UNIQUE INDEX "Incident_sessionId_key" ON "Incident"("sessionId");
CREATE UNIQUE INDEX "Incident_openKey_key" ON "Incident"("openKey");
CREATE INDEX "Incident_probe_resolvedAt_idx" ON "Incident"("probe", "resolvedAt");
CREATE INDEX "Incident_openedAt_idx" ON "Incident"("openedAt");
CREATE INDEX "Incident_lastDmStatus_idx" ON "Incident"("lastDmStatus");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "MaintenanceWindow_endedAt_startsAt_idx" ON "MaintenanceWindow"("endedAt", "startsAt");

