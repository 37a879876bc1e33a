// The fan-out planner: which bot account posts a notice to which room, and when the last room is reached. Pure (no
// I/O, no clock): rooms with the accounts that serve them, accounts with their pace, in; an assignment and estimates
// out. Table-tested in test/unit/notice-planner.test.ts.
//
// Today every room is served by the one account the org file names; the planner already takes a list per room
// (preferred first) and an `up` flag per account, so the production-WeChat work (issue #12) can move a down account's
// rooms to another account that serves them by handing in more candidates and account states, nothing else.
import { must } from '../../core/must.ts'

export interface PlanRoom {
  roomId: number
  /** Accounts that can post in this room, preferred first. */
  candidates: string[]
}

export interface AccountPace {
  id: string
  /** Messages per second this account may send (its limiter). */
  messagesPerSec: number
  /** The sender waits up to this long before each message (uniform): half of it on average. */
  jitterMs: number
  /** False when the account is logged out or disconnected (issue #12); absent means up. */
  up?: boolean
  /** Messages already waiting ahead of this notice in the account's queue (0 for urgent: it goes first). */
  ahead?: number
}

export interface AccountLoad {
  id: string
  rooms: number
  /** When this account's last room of the notice is reached, from the moment the plan starts. */
  estimateMs: number
}

export interface FanOutPlan {
  /** Room → the account that posts there, in the order rooms were given. */
  assignment: { roomId: number; accountId: string }[]
  /** Accounts used, busiest first. */
  accounts: AccountLoad[]
  /** When the last room is reached (the slowest account's estimate). */
  estimateMs: number
  /** Rooms no up account serves: they wait (issue #12 reports them). */
  waiting: number[]
}

/**
 * How long an account takes for `n` messages: the limiter lets one start every 1/pace seconds, the first at once,
 * and each waits its jitter first (half the maximum on average), plus whatever is queued ahead.
 */
export function accountEstimateMs(n: number, pace: Pick<AccountPace, 'messagesPerSec' | 'jitterMs' | 'ahead'>): number {
  if (n <= 0) return 0
  const gap = 1000 / pace.messagesPerSec
  return Math.round((n - 1 + (pace.ahead ?? 0)) * gap + pace.jitterMs / 2)
}

/**
 * Assigns each room to one of its up candidates so that the last room is reached as early as possible: rooms with
 * fewer choices first, each to the candidate whose finish time grows least (ties: the room's preferred account).
 */
export function planFanOut(rooms: PlanRoom[], accounts: AccountPace[]): FanOutPlan {
  const pace = new Map(accounts.map((a) => [a.id, a]))
  const load = new Map<string, number>()
  const chosen = new Map<number, string>()
  const waiting: number[] = []
  const upPace = (c: string) => {
    const p = pace.get(c)
    return p && p.up !== false ? [{ c, p }] : []
  }
  const order = rooms.map((r, i) => ({ r, i, choices: r.candidates.flatMap(upPace) }))
  order.sort((a, b) => a.choices.length - b.choices.length || a.i - b.i)
  for (const { r, choices } of order) {
    let best: string | null = null
    let bestAt = Number.POSITIVE_INFINITY
    for (const { c, p } of choices) {
      const at = accountEstimateMs((load.get(c) ?? 0) + 1, p)
      if (at < bestAt) {
        best = c
        bestAt = at
      }
    }
    if (!best) {
      waiting.push(r.roomId)
      continue
    }
    chosen.set(r.roomId, best)
    load.set(best, (load.get(best) ?? 0) + 1)
  }
  const used = [...load].map(([id, n]) => ({ id, rooms: n, estimateMs: accountEstimateMs(n, must(pace.get(id), 'PLAN_PACE_MISSING')) })) // only chosen accounts are loaded
  used.sort((a, b) => b.estimateMs - a.estimateMs || a.id.localeCompare(b.id))
  return {
    assignment: rooms.flatMap((r) => {
      const accountId = chosen.get(r.roomId)
      return accountId === undefined ? [] : [{ roomId: r.roomId, accountId }]
    }),
    accounts: used,
    estimateMs: used.reduce((m, a) => Math.max(m, a.estimateMs), 0),
    waiting,
  }
}

export interface SlaVerdict {
  meets: boolean
  /** How much later than the SLA the last room is reached (0 when it meets it). */
  shortfallMs: number
  /** Accounts at the given pace that would meet it (rooms spread evenly), for the advice. */
  accountsNeeded: number
}

/** The plan against the SLA; `perSec` is the pace the advice assumes for an added account. */
export function slaVerdict(
  plan: Pick<FanOutPlan, 'estimateMs'>,
  rooms: number,
  slaMs: number,
  pace: Pick<AccountPace, 'messagesPerSec' | 'jitterMs'>,
): SlaVerdict {
  const shortfallMs = Math.max(0, plan.estimateMs - slaMs)
  // Rooms one account reaches within the SLA: n with accountEstimateMs(n) <= slaMs.
  const perAccount = Math.max(1, Math.floor(((slaMs - pace.jitterMs / 2) * pace.messagesPerSec) / 1000) + 1)
  return { meets: shortfallMs === 0, shortfallMs, accountsNeeded: Math.max(1, Math.ceil(rooms / perAccount)) }
}
