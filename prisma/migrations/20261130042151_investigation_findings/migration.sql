-- AlterTable
ALTER TABLE "Investigation" ADD COLUMN "analysisFormat" TEXT;
ALTER TABLE "Investigation" ADD COLUMN "analysisText" TEXT;
ALTER TABLE "Investigation" ADD COLUMN "claimCheck" TEXT;
ALTER TABLE "Investigation" ADD COLUMN "claimMismatch" TEXT;
ALTER TABLE "Investigation" ADD COLUMN "confidence" TEXT;
ALTER TABLE "Investigation" ADD COLUMN "envelopeEnabled" BOOLEAN;
ALTER TABLE "Investigation" ADD COLUMN "likelyCause" TEXT;
ALTER TABLE "Investigation" ADD COLUMN "lookoutDid" TEXT;
ALTER TABLE "Investigation" ADD COLUMN "nextSteps" TEXT;
ALTER TABLE "Investigation" ADD COLUMN "whatIsWrong" TEXT;
