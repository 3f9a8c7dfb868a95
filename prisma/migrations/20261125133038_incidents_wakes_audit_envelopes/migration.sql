-- CreateTable
CREATE TABLE "Incident" (
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
    "openKey" TEXT
);

-- CreateTable
CREATE TABLE "Wake" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "incidentId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "probe" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "leaseOwner" TEXT,
    "leaseExpiresAt" DATETIME,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Wake_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seam" TEXT NOT NULL,
    "sessionId" TEXT,
    "probe" TEXT,
    "actor" TEXT NOT NULL,
    "details" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "EnvelopeSetting" (
    "probe" TEXT NOT NULL PRIMARY KEY,
    "enabled" BOOLEAN NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Incident_sessionId_key" ON "Incident"("sessionId");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_openKey_key" ON "Incident"("openKey");

-- CreateIndex
CREATE INDEX "Incident_probe_resolvedAt_idx" ON "Incident"("probe", "resolvedAt");

-- CreateIndex
CREATE INDEX "Incident_openedAt_idx" ON "Incident"("openedAt");

-- CreateIndex
CREATE INDEX "Wake_status_nextAttemptAt_idx" ON "Wake"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Wake_sessionId_idx" ON "Wake"("sessionId");

-- CreateIndex
CREATE INDEX "AuditEvent_sessionId_id_idx" ON "AuditEvent"("sessionId", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_seam_id_idx" ON "AuditEvent"("seam", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_probe_id_idx" ON "AuditEvent"("probe", "id");

-- The audit log is append-only: the database itself refuses to change or remove a row.
CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
BEGIN
    SELECT RAISE(ABORT, 'AuditEvent rows are append-only: UPDATE refused');
END;

CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
BEGIN
    SELECT RAISE(ABORT, 'AuditEvent rows are append-only: DELETE refused');
END;
