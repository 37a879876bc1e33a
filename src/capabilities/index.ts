// THE list of capabilities, in #帮助 order. The composition root, the command registry, #帮助, the sweeper, the timers
// worker, the outbox marks, /metrics, the policy schema and the domain events all read it. A new capability is a
// folder under capabilities/ and one line here.
import { activities } from './activities/index.ts'
import { attachments } from './attachments/index.ts'
import { binding } from './binding/index.ts'
import type { Capability } from './capability.ts'
import { checkins } from './checkins/index.ts'
import { webConsole } from './console/index.ts'
import { digests } from './digests/index.ts'
import { evaluation } from './evaluation/index.ts'
import { hazards } from './hazards/index.ts'
import { notices } from './notices/index.ts'
import { openapi } from './openapi/index.ts'
import { points } from './points/index.ts'
import { projects } from './projects/index.ts'
import { registration } from './registration/index.ts'
import { resources } from './resources/index.ts'
import { tasks } from './tasks/index.ts'
import { voice } from './voice/index.ts'

export const CAPABILITIES: readonly Capability[] = [
  checkins,
  tasks,
  hazards,
  points, // before resources and projects: a completed task's reply notes the holder's points first
  resources,
  projects,
  activities,
  evaluation,
  notices,
  digests,
  registration,
  binding,
  webConsole,
  attachments,
  voice,
  openapi,
]
