// The capabilities' policy slices without loading the capabilities (their commands, charts, exports): pure unit tests
// validate org-file blocks with this. test/unit/capabilities.test.ts checks it is the capability list's own.
import { activityPolicy } from '../../src/capabilities/activities/activity-policy.ts'
import { digestPolicy } from '../../src/capabilities/digests/digest-policy.ts'
import { evaluationPolicy } from '../../src/capabilities/evaluation/evaluation-policy.ts'
import { hazardPolicy } from '../../src/capabilities/hazards/hazard-policy.ts'
import { noticePolicy } from '../../src/capabilities/notices/notice-policy.ts'
import { pointsPolicy } from '../../src/capabilities/points/points-policy.ts'
import { projectPolicy } from '../../src/capabilities/projects/project-policy.ts'
import type { PolicySlice } from '../../src/kernel/policy/slice.ts'

export const policySlices: readonly PolicySlice[] = [hazardPolicy, pointsPolicy, projectPolicy, activityPolicy, evaluationPolicy, noticePolicy, digestPolicy]
