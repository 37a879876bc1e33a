-- Notice's timer state under the names tasks, projects and hazards use (issue #21), every row's state kept:
-- timerStep (0: SLA next, 1: escalation next, 2: done) becomes escalationLevel, the last step taken (-1, 0, 1);
-- nextTimerAt becomes nextEscalationAt.
ALTER TABLE "Notice" RENAME COLUMN "nextTimerAt" TO "nextEscalationAt";
ALTER INDEX "Notice_nextTimerAt_idx" RENAME TO "Notice_nextEscalationAt_idx";

ALTER TABLE "Notice" ADD COLUMN "escalationLevel" INTEGER NOT NULL DEFAULT -1;
UPDATE "Notice" SET "escalationLevel" = LEAST("timerStep", 2) - 1;
ALTER TABLE "Notice" DROP COLUMN "timerStep";
