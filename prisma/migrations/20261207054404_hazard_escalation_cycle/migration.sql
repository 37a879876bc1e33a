-- Issue #21: one name for the escalation cycle across Task, Project and Hazard. A rename, not the generator's
-- drop-and-add: every hazard keeps its cycle (a pending timer of the current cycle still matches its row).
ALTER TABLE "Hazard" RENAME COLUMN "timerCycle" TO "escalationCycle";
