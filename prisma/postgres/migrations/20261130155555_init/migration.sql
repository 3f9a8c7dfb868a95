-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "ProbeCycle" (
    "id" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "ProbeCycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProbeSnapshot" (
    "id" TEXT NOT NULL,
    "cycleId" TEXT NOT NULL,
    "probe" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "latencyMs" INTEGER NOT NULL,
    "details" TEXT NOT NULL,
    "error" TEXT,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ProbeSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CycleLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "acquiredAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CycleLease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "probe" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "openedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "resolvedAt" TIMESTAMPTZ(3),
    "issueCount" INTEGER NOT NULL DEFAULT 1,
    "openKey" TEXT,
    "debouncedCount" INTEGER NOT NULL DEFAULT 0,
    "investigationCount" INTEGER NOT NULL DEFAULT 0,
    "costUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "lastDmStatus" TEXT,
    "lastAutofixOutcome" TEXT,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Wake" (
    "id" TEXT NOT NULL,
    "incidentId" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "probe" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "snapshotId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Wake_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "seam" TEXT NOT NULL,
    "sessionId" TEXT,
    "probe" TEXT,
    "actor" TEXT NOT NULL,
    "details" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "prevHash" TEXT,
    "hash" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EnvelopeSetting" (
    "probe" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedBy" TEXT NOT NULL,

    CONSTRAINT "EnvelopeSetting_pkey" PRIMARY KEY ("probe")
);

-- CreateTable
CREATE TABLE "Investigation" (
    "id" TEXT NOT NULL,
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
    "costUsd" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "summary" TEXT NOT NULL,
    "turns" INTEGER NOT NULL DEFAULT 0,
    "autofixAttempted" BOOLEAN NOT NULL DEFAULT false,
    "autofixOutcome" TEXT,
    "dmStatus" TEXT,
    "lookoutDid" TEXT,
    "envelopeEnabled" BOOLEAN,
    "analysisFormat" TEXT,
    "whatIsWrong" TEXT,
    "likelyCause" TEXT,
    "nextSteps" TEXT,
    "confidence" TEXT,
    "analysisText" TEXT,
    "claimCheck" TEXT,
    "claimMismatch" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "completedAt" TIMESTAMPTZ(3) NOT NULL,
    "durationMs" INTEGER NOT NULL,

    CONSTRAINT "Investigation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DmMessage" (
    "id" TEXT NOT NULL,
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
    "nextAttemptAt" TIMESTAMPTZ(3),
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMPTZ(3),
    "lastAttemptAt" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DmMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OperatorSession" (
    "id" TEXT NOT NULL,
    "operator" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "OperatorSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInToken" (
    "id" SERIAL NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SignInToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProbeMemo" (
    "probe" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProbeMemo_pkey" PRIMARY KEY ("probe","key")
);

-- CreateTable
CREATE TABLE "SignInFailure" (
    "id" SERIAL NOT NULL,
    "client" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SignInFailure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProbeCycle_startedAt_idx" ON "ProbeCycle"("startedAt");

-- CreateIndex
CREATE INDEX "ProbeSnapshot_probe_observedAt_idx" ON "ProbeSnapshot"("probe", "observedAt");

-- CreateIndex
CREATE INDEX "ProbeSnapshot_cycleId_idx" ON "ProbeSnapshot"("cycleId");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_sessionId_key" ON "Incident"("sessionId");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_openKey_key" ON "Incident"("openKey");

-- CreateIndex
CREATE INDEX "Incident_probe_resolvedAt_idx" ON "Incident"("probe", "resolvedAt");

-- CreateIndex
CREATE INDEX "Incident_openedAt_idx" ON "Incident"("openedAt");

-- CreateIndex
CREATE INDEX "Incident_lastDmStatus_idx" ON "Incident"("lastDmStatus");

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

-- CreateIndex
CREATE INDEX "DmMessage_status_nextAttemptAt_idx" ON "DmMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OperatorSession_expiresAt_idx" ON "OperatorSession"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "SignInToken_tokenHash_key" ON "SignInToken"("tokenHash");

-- CreateIndex
CREATE INDEX "SignInFailure_client_at_idx" ON "SignInFailure"("client", "at");

-- CreateIndex
CREATE INDEX "SignInFailure_at_idx" ON "SignInFailure"("at");

-- AddForeignKey
ALTER TABLE "ProbeSnapshot" ADD CONSTRAINT "ProbeSnapshot_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "ProbeCycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Wake" ADD CONSTRAINT "Wake_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The audit log is append-only: every seam's row stays as it was written (lib/audit).
CREATE FUNCTION "lookout_audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'AuditEvent rows are append-only: % refused', TG_OP;
END;
$$;

CREATE TRIGGER "AuditEvent_no_update" BEFORE UPDATE ON "AuditEvent"
FOR EACH ROW EXECUTE FUNCTION "lookout_audit_append_only"();

CREATE TRIGGER "AuditEvent_no_delete" BEFORE DELETE ON "AuditEvent"
FOR EACH ROW EXECUTE FUNCTION "lookout_audit_append_only"();

CREATE TRIGGER "AuditEvent_no_truncate" BEFORE TRUNCATE ON "AuditEvent"
FOR EACH STATEMENT EXECUTE FUNCTION "lookout_audit_append_only"();
