// A unit of work: the transaction a command or timer runs in, what it wants done after commit, the time it
// happens at, and where its domain events go. Services take one; only db/ and repositories touch `db` itself.
import type { Effects } from '../core/effects.ts'
import type { DbOrTx } from '../db/client.ts'
import type { OrgSpec } from '../config/org-spec.ts'
import type { MemberWithUnit } from './org/org.types.ts'

export interface Work {
  db: DbOrTx
  effects: Effects
  now: Date
  /** Domain events published on this unit of work (kernel/events.ts); the dispatcher and the org import set them. */
  events?: Publisher
  /** The district a command in a city's group named (`#任务 二七区 T1`): record ids are read in its numbers
   *  (org/city-refs.ts `recordDistrict`). Unset everywhere else. */
  namedDistrict?: number
  /** Its name, for replies that tell how to name the record again (`#任务 二七区 T1 完整`). */
  namedDistrictName?: string
}

/** The domain events a unit of work may publish (subscribers: kernel/events.ts, declared by each capability). */
export interface DomainEventMap {
  /** A task was completed (points, resources and projects credit it in the same transaction). */
  'task.completed': {
    task: {
      id: number
      number: number
      title: string
      priority: 'normal' | 'urgent'
      needId: number | null
      roomId: number
      unitId: number
      creatorId: number
      holderId: number
    }
    /** How people name it ('T12'): the ref points and projects record the credit under. */
    ref: string
    /** Who held it (the completer when nobody did); null when that member no longer exists. */
    holder: MemberWithUnit | null
    actorId: number
  }
  /** A project was completed (#完成 P3): points pays its holder by policy when `paysHolder` (not its own creator). */
  'project.completed': {
    project: { id: number; number: number; title: string; roomId: number; unitId: number; creatorId: number }
    /** How people name it ('P3'): the ref points records the credit under. */
    ref: string
    holder: MemberWithUnit
    paysHolder: boolean
    actorId: number
  }
  /** A member earned credit for something another capability saw (a resource they provided was used): points
   *  pays it by the points policy, once per ref. */
  'member.credited': { memberId: number; unitId: number; source: 'resource'; ref: string; at: Date }
  /** An activity was closed (#活动 A3 结束): points gives each member present volunteer hours by the #志愿 rules
   *  (approved at once when the organiser is a supervisor above them and `supervisorApproves`); notes per person. */
  'activity.closed': {
    activity: { id: number; ref: string; name: string; kind: string; roomId: number; unitId: number; day: Date }
    minutes: number
    organiser: MemberWithUnit
    attendees: MemberWithUnit[]
    supervisorApproves: boolean
    messageId: string
    /** A 议事 activity: checkins records each member present as a meeting (议事) check-in. */
    checkinType: 'meeting' | null
  }
  /** A hazard was reported, taken on, or resolved (webhooks tell other systems; nobody writes in answer). */
  'hazard.reported': HazardChanged
  'hazard.acknowledged': HazardChanged
  'hazard.resolved': HazardChanged
  /** A resolved hazard was confirmed fixed (#核实 by its reporter or a supervisor, or closed when nobody answered).
   *  Points pays its reporter when a member (residents are not in the ledger); that note joins the #核实 reply. */
  'hazard.verified': HazardChanged & { reporterMemberId: number | null }
  /** A hazard referred by its handlers to a body outside the tree (物业, a utility) by the body's name; the unit stays
   *  responsible. The webhooks deliver it to that body's endpoint, and refuse (rolling back) a body unknown there. */
  'hazard.referred': HazardChanged & { body: string }
  /** A task was made (in its own unit or handed down), taken (claimed, taken over, reassigned), or climbed a level. */
  'task.created': TaskChanged
  'task.claimed': TaskChanged & { how: 'claimed' | 'taken_over' | 'reassigned' }
  'task.escalated': TaskChanged & { level: number; kind: 'unclaimed' | 'overdue'; reachedUnitId: number }
  /** A need was recorded (#需求; a resident's waits for the grid's confirmation as 'pending'). */
  'need.recorded': { need: { id: number; number: number; unitId: number; status: string; description: string; fromResident: boolean }; ref: string }
  /** A chased notice's deadline passed with groups unacknowledged (counts of delivery pairs). */
  'notice.sla_missed': {
    notice: { id: number; number: number; unitId: number; priority: string; slaAt: Date }
    ref: string
    deliveries: number
    unacknowledged: number
    failed: number
  }
  /** A scheduled digest (日报/周报/月报) of a unit was counted and posted; its counts only. */
  'digest.ready': {
    unitId: number
    kind: 'daily' | 'weekly' | 'monthly'
    from: Date
    to: Date
    late: boolean
    counts: { checkins: number; tasks: { opened: number; claimed: number; done: number }; hazards: { reported: number; resolved: number } }
  }
  /** The org file was imported (each capability imports its own section of the file, e.g. points its catalogue). */
  'org.imported': { districtId: number; spec: OrgSpec; unitIdByName: (name: string) => number }
}
export type EventName = keyof DomainEventMap

/** A hazard as its events carry it: enough for a receiver to show it (the description as the owning unit wrote it). */
export interface HazardChanged {
  hazard: { id: number; number: number; category: string; status: string; priority: string; description: string; unitId: number; reportUnitId: number }
  ref: string
  note: string | null
  /** hazard.verified: who confirmed it (reporter, supervisor) or 'timeout'. */
  how?: string
}

/** A task as its events carry it (the title as the owning unit wrote it; webhooks mask it above that unit). */
export interface TaskChanged {
  task: {
    id: number
    number: number
    title: string
    priority: 'normal' | 'urgent'
    status: string
    unitId: number
    deadline: Date | null
    needId: number | null
  }
  ref: string
}

/** What a subscriber adds to the publisher's answer: lines in its own texts (a reply's notes, an import's report). */
export type EventNotes = string[]

export interface Publisher {
  publish<K extends EventName>(work: Work, name: K, data: DomainEventMap[K]): Promise<EventNotes>
}
