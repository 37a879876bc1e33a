// `#导出 台账` off the command's transaction: a month of a whole district takes tens of seconds to build, more than a
// command's 30 s unit of work may hold. The command records a request (one per message) and a timer job, due at
// once, builds the file with no transaction open (settling check-ins' points first in a short one of its own), keeps
// it in the media store under the message's name, then in one short transaction moves the request pending → done and
// writes the file message and its summary to the outbox — so the file is posted once however often the job runs.
// The sweeper lists requests still pending: a Redis flush or a killed worker delays an export, never loses it. After
// the job's last attempt fails, the group gets a short apology instead (pending → failed).
import { Effects } from '../../core/effects.ts'
import { jobId } from '../../core/ids.ts'
import type { TimerRequest } from '../../core/ports.ts'
import { inTransaction } from '../../db/transaction.ts'
import { writeOutbox } from '../../kernel/outbox/outbox.service.ts'
import { districtOf, type BoundRoom } from '../../kernel/org/org.types.ts'
import { fileToRoom, toRoom } from '../../kernel/org/room-message.ts'
import { settleCheckins } from '../points/points.service.ts'
import type { TimerDeps } from '../../kernel/timers/timer-step.ts'
import type { TimerSource } from '../../kernel/timers/sweeper.ts'
import type { Work } from '../../kernel/work.ts'
import { ledgerBytes } from './ledger-export.service.ts'
import { canMoveExport, ledgerFileName } from './ledger-rules.ts'
import { ledgerRepo } from './ledger.repo.ts'
import { ledgerTexts as t } from './ledger.texts.ts'

/** Settling a district's points before its ledger: a long first settlement (a year of check-ins) must fit. */
const SETTLE_TIMEOUT_MS = 300_000

export const ledgerExportTimer = (id: number, dueAt: Date): TimerRequest => ({ kind: 'ledger_export', subjectId: id, cycle: 0, step: 0, dueAt })

/** The command's part, inside its transaction: the request and its timer (released after commit). */
export async function requestLedgerExport(w: Work, a: { room: BoundRoom; month: string; label: string; messageId: string }): Promise<void> {
  const r = await ledgerRepo.request(w.db, {
    accountId: a.room.accountId,
    messageId: a.messageId,
    roomId: a.room.id,
    month: a.month,
    label: a.label,
    createdAt: w.now,
  })
  if (r.status === 'pending') w.effects.schedule(ledgerExportTimer(r.id, w.now))
}

/** Posts (file and summary, or the apology) and the request's end state, in one short transaction. */
async function finish(deps: TimerDeps, id: number, status: 'done' | 'failed', posts: (e: Effects) => void): Promise<boolean> {
  const effects = new Effects()
  const now = deps.clock.now()
  const moved = await inTransaction(deps.prisma, async (tx) => {
    if (!(await ledgerRepo.finishExport(tx, id, status, now))) return false
    posts(effects)
    await writeOutbox(tx, effects.posts, now)
    return true
  })
  await effects.flush(deps.outbox, deps.scheduler)
  return moved
}

/**
 * The timer handler. `lastAttempt`: the queue will not run this job again, so a failure now is reported to the group
 * (earlier failures throw, and the queue retries with backoff).
 */
export async function runLedgerExport(deps: TimerDeps, id: number, lastAttempt: boolean): Promise<'posted' | 'failed' | 'stale'> {
  const req = await ledgerRepo.exportById(deps.prisma, id)
  if (!req || !canMoveExport(req.status, 'done')) return 'stale'
  // A group unbound since it asked: nowhere to send the file or an apology; given up, so the sweeper stops asking.
  if (!req.room.wxRoomId) {
    await ledgerRepo.finishExport(deps.prisma, id, 'failed', deps.clock.now())
    return 'stale'
  }
  const room = req.room as BoundRoom
  try {
    const now = deps.clock.now()
    const districtId = districtOf(room.unit)
    await inTransaction(deps.prisma, (tx) => settleCheckins({ db: tx, effects: new Effects(), now }, districtId), { timeoutMs: SETTLE_TIMEOUT_MS })
    // Reads only, with no transaction held (the points were settled just above).
    const { bytes, rows } = await ledgerBytes({ db: deps.prisma, effects: new Effects(), now }, { districtId, root: room.unit }, req.month, { settle: false })
    const ref = await deps.media.put(`exports/${room.id}/${req.month}-${req.messageId}.xlsx`, bytes)
    const posted = await finish(deps, id, 'done', (e) => {
      e.post(fileToRoom(room, ref, ledgerFileName(room.unit.name, req.label)), jobId('ledger', room.accountId, req.messageId))
      e.post(toRoom(room, t.exported(room.unit.name, req.label, rows)), jobId('ledger-summary', room.accountId, req.messageId))
    })
    deps.counters.inc(`ledger_export.${posted ? 'posted' : 'stale'}`)
    return posted ? 'posted' : 'stale'
  } catch (err) {
    if (!lastAttempt) throw err
    deps.log.error({ err, exportId: id }, 'the ledger export failed on its last attempt; the group is told')
    const told = await finish(deps, id, 'failed', (e) => e.post(toRoom(room, t.exportFailed(req.label)), jobId('ledger-failed', room.accountId, req.messageId)))
    deps.counters.inc('ledger_export.failed')
    return told ? 'failed' : 'stale'
  }
}

/** The sweeper's source: every request not finished has its job (re-created after a flush, or re-run after a crash). */
export const ledgerExportTimers: TimerSource = {
  async pending(db, before, take, afterId) {
    const rows = await ledgerRepo.pendingExports(db, before, take, afterId)
    const last = rows.at(-1)
    if (!last) return null
    return { lastId: last.id, timers: rows.map((r) => ledgerExportTimer(r.id, r.createdAt)) }
  },
}
