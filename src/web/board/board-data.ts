// What the board shows for one unit's subtree, read through repositories and shaped for the page: open tasks and
// hazards (state, level, age, next step), recent notices with each room's acknowledgement, the bot accounts, and
// today's check-ins per child unit, upcoming activities with their sign-ups (the subtree's, and those recruiting it
// from a unit above). Texts shown above their own unit are masked like the bot's lists are.
import { Effects } from '../../core/effects.ts'
import { formatLocal } from '../../core/time.ts'
import type { Db } from '../../db/client.ts'
import { todayReport } from '../../capabilities/checkins/checkin.service.ts'
import { boardRepo } from '../../capabilities/console/board.repo.ts'
import { categoryLabel, HAZARD_STATUS_LABEL } from '../../capabilities/hazards/hazard.texts.ts'
import { DELIVERY_LABEL, excerpt } from '../../capabilities/notices/notice.texts.ts'
import { orgRepo } from '../../kernel/org/org.repo.ts'
import type { Unit } from '../../kernel/org/org.types.ts'
import { textFor } from '../../kernel/org/visibility.ts'
import { STATUS_LABEL } from '../../capabilities/tasks/task.texts.ts'
import type { AccountStatus } from '../../transport/transport.ts'
import { forReports } from '../../db/read-replica.ts'
import { ACCOUNT_STATE_LABEL, ageLabel, levelLabel, webTexts } from '../texts.ts'

const TAKE = 200
const NOTICE_DAYS = 7
const ACTIVITIES = 20

export interface WorkRow {
  id: string
  unit: string
  title: string
  status: string
  urgent: boolean
  level: number
  levelLabel: string
  age: string
  next: string | null
}

export interface NoticeRow {
  id: string
  urgent: boolean
  text: string
  sentAt: string
  /** The delivery deadline (3 minutes urgent, 10 normal by default). */
  slaAt: string
  /** The next timer step (the SLA summary and re-@, then the escalation to parents); null when done. */
  next: string | null
  cells: { room: string; acked: boolean; label: string }[]
  acked: number
}

export interface ActivityRow {
  id: string
  unit: string
  name: string
  startsAt: string
  place: string
  /** "3/20", or "3" without a limit. */
  signed: string
}

export interface BoardData {
  unit: Unit
  /** The units a viewer can pick: this one's ancestors within the viewer's scope, itself, and its children. */
  children: Unit[]
  now: string
  tasks: WorkRow[]
  hazards: WorkRow[]
  notices: NoticeRow[]
  accounts: { id: string; state: string; stateCode: string; since: string | null; detail: string | null; backlog: number }[]
  checkins: { unit: string; count: number; households: number }[]
  activities: ActivityRow[]
}

const at = (d: Date | null) => (d ? formatLocal(d) : null)
const earliest = (...ds: (Date | null)[]) => ds.filter((d): d is Date => !!d).sort((a, b) => a.getTime() - b.getTime())[0] ?? null

export async function boardData(primary: Db, unit: Unit, now: Date, live: AccountStatus[]): Promise<BoardData> {
  // The board reads from the replica when DATABASE_READ_URL is set (read-replica.ts).
  const db = forReports(primary)
  const [units, above] = await Promise.all([orgRepo.subtree(db, unit), orgRepo.ancestors(db, unit)])
  const ids = units.map((u) => u.id)
  const name = new Map([...units, ...above].map((u) => [u.id, u.name]))
  const [tasks, hazards, notices, backlog, accounts, today, children, activities] = await Promise.all([
    boardRepo.openTasks(db, ids, TAKE),
    boardRepo.openHazards(db, ids, TAKE),
    boardRepo.recentNotices(db, ids, new Date(now.getTime() - NOTICE_DAYS * 86_400_000), 30),
    boardRepo.unsentByAccount(db),
    orgRepo.accounts(db),
    todayReport({ db, effects: new Effects(), now }, unit),
    orgRepo.children(db, unit.id),
    boardRepo.upcomingActivities(
      db,
      ids,
      above.map((u) => u.id),
      now,
      ACTIVITIES,
    ),
  ])
  const inScope = new Set(ids)
  const roomIds = [...new Set(notices.flatMap((n) => n.deliveries.map((d) => d.roomId)))]
  const topics = new Map((await boardRepo.roomsByIds(db, roomIds)).map((r) => [r.id, r.topic]))
  const age = (d: Date) => ageLabel(now.getTime() - d.getTime())
  // A city's board (issue #26) lists every district's records: each id as its city group types it, `二七区 T1`.
  const typed = (districtId: number, label: string) => (unit.kind === 'city' ? `${name.get(districtId) ?? ''} ${label}` : label)
  return {
    unit,
    children,
    now: formatLocal(now),
    tasks: tasks.map((t) => ({
      id: typed(t.districtId, `T${t.number}`),
      unit: name.get(t.unitId) ?? '',
      title: textFor(unit.id, t.unitId, t.title),
      status: STATUS_LABEL[t.status],
      urgent: t.priority === 'urgent',
      level: t.escalationLevel,
      levelLabel: levelLabel(t.escalationLevel),
      age: age(t.createdAt),
      next: at(earliest(t.nextEscalationAt, t.nextReminderAt)),
    })),
    hazards: hazards.map((h) => ({
      id: typed(h.districtId, `H${h.number}`),
      unit: name.get(h.targetUnitId) ?? name.get(h.unitId) ?? '',
      title: `${categoryLabel(h.category)}:${textFor(unit.id, h.reportUnitId, h.description)}`,
      status: HAZARD_STATUS_LABEL[h.status],
      urgent: h.priority === 'urgent',
      level: h.escalationLevel,
      levelLabel: levelLabel(h.escalationLevel),
      age: age(h.createdAt),
      next: at(earliest(h.nextEscalationAt, h.nextVerifyAt, h.nextDuplicateAt)),
    })),
    notices: noticeRows(notices, unit.id, inScope, topics),
    accounts: accountRows(accounts, live, backlog),
    checkins: checkinRows(today, unit),
    activities: activityRows(activities, unit.id, name),
  }
}

type Notices = Awaited<ReturnType<typeof boardRepo.recentNotices>>
type Accounts = Awaited<ReturnType<typeof orgRepo.accounts>>
type Today = Awaited<ReturnType<typeof todayReport>>

/** Each notice with a cell per delivery: a viewer below the notice's target sees the cells of their own subtree only. */
function noticeRows(notices: Notices, viewerUnitId: number, inScope: Set<number>, topics: Map<number, string>): NoticeRow[] {
  return notices.map((n) => {
    // A viewer below the notice's target sees the cells of their own subtree only.
    const cells = n.deliveries
      .filter((d) => inScope.has(d.unitId))
      .map((d) => {
        const acked = d.ackAt !== null
        return { room: topics.get(d.roomId) ?? String(d.roomId), acked, label: acked ? DELIVERY_LABEL.acknowledged : DELIVERY_LABEL[d.status] }
      })
    return {
      id: `B${n.number}`,
      urgent: n.priority === 'urgent',
      text: excerpt(textFor(viewerUnitId, n.unitId, n.text), 40),
      sentAt: formatLocal(n.createdAt),
      slaAt: formatLocal(n.slaAt),
      next: at(n.nextEscalationAt),
      cells,
      acked: cells.filter((c) => c.acked).length,
    }
  })
}

/** Each bot account's link state as this process's gateway last saw it, and its unsent backlog. */
function accountRows(accounts: Accounts, live: AccountStatus[], backlog: Awaited<ReturnType<typeof boardRepo.unsentByAccount>>): BoardData['accounts'] {
  const status = new Map(live.map((s) => [s.accountId, s]))
  return accounts.map((a) => {
    const s = status.get(a.id)
    return {
      id: a.id,
      state: ACCOUNT_STATE_LABEL[s?.state ?? 'unknown'],
      stateCode: s?.state ?? 'unknown',
      since: s ? formatLocal(s.since) : null,
      detail: s?.detail ?? null,
      backlog: backlog.get(a.id) ?? 0,
    }
  })
}

/** Today's check-ins: per child unit (and the unit's own), or the grid's total. */
function checkinRows(today: Today, unit: Unit): BoardData['checkins'] {
  return today.kind === 'children'
    ? [
        ...today.rows.map((r) => ({ unit: r.unit.name, count: r.count, households: r.households })),
        ...(today.own ? [{ unit: webTexts.own, count: today.own, households: 0 }] : []),
      ]
    : [{ unit: unit.name, count: today.total, households: today.items.reduce((s, c) => s + (c.households ?? 0), 0) }]
}

/** The upcoming activities in the subtree and above it, with how many signed up (of the capacity). */
function activityRows(activities: Awaited<ReturnType<typeof boardRepo.upcomingActivities>>, viewerUnitId: number, name: Map<number, string>): ActivityRow[] {
  return activities.map((a) => {
    const n = a._count.ActivitySignup_activityId
    return {
      id: `A${a.number}`,
      unit: name.get(a.unitId) ?? '',
      name: textFor(viewerUnitId, a.unitId, a.name),
      startsAt: formatLocal(a.startsAt),
      place: a.place ? textFor(viewerUnitId, a.unitId, a.place) : '',
      signed: a.capacity === null ? String(n) : `${n}/${a.capacity}`,
    }
  })
}
