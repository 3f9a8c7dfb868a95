-- CreateTable
CREATE TABLE "ProbeCycle" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "trigger" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME NOT NULL,
    "durationMs" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "ProbeSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cycleId" TEXT NOT NULL,
    "probe" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "latencyMs" INTEGER NOT NULL,
    "details" TEXT NOT NULL,
    "error" TEXT,
    "observedAt" DATETIME NOT NULL,
    CONSTRAINT "ProbeSnapshot_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "ProbeCycle" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CycleLease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "acquiredAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ProbeCycle_startedAt_idx" ON "ProbeCycle"("startedAt");

-- CreateIndex
CREATE INDEX "ProbeSnapshot_probe_observedAt_idx" ON "ProbeSnapshot"("probe", "observedAt");

-- CreateIndex
CREATE INDEX "ProbeSnapshot_cycleId_idx" ON "ProbeSnapshot"("cycleId");
