// `#导出 台账` as a request and a job, on PGlite with the virtual clock: the command answers at once and leaves one
// request (one per message) with its timer; the job posts the file once however often it runs; a failure is retried
// by throwing, and on the last attempt the group gets an apology instead (pending → failed, then nothing more);
// the sweeper's source lists only requests still pending. The state table is checked as a table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadOrgFile } from '../../src/config/org-file.ts'
import { Effects } from '../../src/core/effects.ts'
import type { MediaStore } from '../../src/core/ports.ts'
import { ledgerExportTimers, requestLedgerExport, runLedgerExport } from '../../src/capabilities/digests/ledger-export-job.service.ts'
import { canMoveExport } from '../../src/capabilities/digests/ledger-rules.ts'
import { isLastAttempt } from '../../src/capabilities/digests/digest-timers.ts'
import type { BoundRoom } from '../../src/kernel/org/org.types.ts'
import type { TimerDeps } from '../../src/kernel/timers/timer-step.ts'
import { harness, type Harness } from '../helpers/harness.ts'
import { DEMO_ORG } from '../helpers/paths.ts'

const HF = 'room-华府社区群'
let h: Harness
let room: BoundRoom
const brokenMedia: MediaStore = {
  put: async () => {
    throw new Error('disk full')
  },
  get: async () => null,
} as unknown as MediaStore
const deps = (media: MediaStore): TimerDeps => ({
  prisma: h.db.prisma,
  outbox: h.outbox,
  scheduler: h.scheduler,
  clock: h.clock,
  log: h.log,
  counters: h.counters,
  media,
})
const request = async (messageId: string) => {
  const effects = new Effects()
  await requestLedgerExport({ db: h.db.prisma, effects, now: h.clock.now() }, { room, month: '2026-11', label: '2026年11月', messageId })
  return { effects, row: await h.db.prisma.ledgerExport.findUniqueOrThrow({ where: { accountId_messageId: { accountId: room.accountId, messageId } } }) }
}
const pendingIds = async () => ((await ledgerExportTimers.pending(h.db.prisma, null, 500, 0))?.timers ?? []).map((t) => t.subjectId)

beforeAll(async () => {
  h = await harness(await loadOrgFile(DEMO_ORG), new Date('2026-11-20T09:00:00+08:00'), 1000)
  await h.say('room-华府社区5号网格群', 'wxid_lijiaxin', '#签到 巡查')
  room = (await h.db.prisma.room.findFirstOrThrow({ where: { wxRoomId: HF }, include: { unit: true } })) as BoundRoom
})
afterAll(() => h?.db.close())

describe('the export request', () => {
  it('is answered at once by the command, with one request and its timer', async () => {
    const replies = await h.say(HF, 'wxid_wang', '#导出 台账')
    expect(replies).toEqual(['正在生成 华府社区 2026年11月 台账,稍后发到本群。'])
    expect(h.outbox.sent.filter((m) => m.file)).toHaveLength(0)
    const rows = await h.db.prisma.ledgerExport.findMany()
    expect(rows.map((r) => [r.status, r.month, r.label])).toEqual([['pending', '2026-11', '2026年11月']])
    expect([...h.scheduler.pending.values()].filter((t) => t.kind === 'ledger_export').map((t) => t.subjectId)).toEqual([rows[0]!.id])
  })

  it('is written once per message, and a finished one gets no new timer', async () => {
    const a = await request('same')
    const b = await request('same')
    expect(b.row.id).toBe(a.row.id)
    expect(a.effects.timers).toHaveLength(1)
    await runLedgerExport(deps(h.media), a.row.id, false)
    const c = await request('same')
    expect(c.row.status).toBe('done')
    expect(c.effects.timers).toHaveLength(0)
  })

  it('posts the file and its summary once, however often the job runs', async () => {
    const { row } = await request('twice')
    h.outbox.clear()
    expect(await runLedgerExport(deps(h.media), row.id, false)).toBe('posted')
    expect(await runLedgerExport(deps(h.media), row.id, false)).toBe('stale')
    const files = h.outbox.sent.filter((m) => m.file)
    expect(files.map((m) => [m.roomId, m.file!.name])).toEqual([[HF, '台账-华府社区-2026年11月.xlsx']])
    expect(h.outbox.to(HF).filter((t) => t.startsWith('📎 华府社区 2026年11月 台账:签到 '))).toHaveLength(1)
    expect((await h.media.get(files[0]!.file!.ref))?.subarray(0, 2).toString()).toBe('PK')
  })

  it('throws for a retry while attempts remain, then tells the group once on the last', async () => {
    const { row } = await request('broken')
    h.outbox.clear()
    await expect(runLedgerExport(deps(brokenMedia), row.id, false)).rejects.toThrow('disk full')
    expect((await h.db.prisma.ledgerExport.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('pending')
    expect(await pendingIds()).toContain(row.id)
    expect(await runLedgerExport(deps(brokenMedia), row.id, true)).toBe('failed')
    expect(await runLedgerExport(deps(brokenMedia), row.id, true)).toBe('stale')
    expect(h.outbox.to(HF)).toEqual(['抱歉,2026年11月 台账生成失败,请稍后再发一次 #导出 台账。'])
    expect((await h.db.prisma.ledgerExport.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('failed')
    expect(await pendingIds()).not.toContain(row.id)
  })
})

describe('an export for a group unbound since it asked', () => {
  it('is given up (failed, nothing posted), so the sweeper stops handing it over', async () => {
    const { row } = await request('unbound')
    h.outbox.clear()
    await h.db.prisma.room.update({ where: { id: room.id }, data: { wxRoomId: null } })
    try {
      expect(await runLedgerExport(deps(h.media), row.id, false)).toBe('stale')
      expect(h.outbox.sent).toEqual([])
      expect((await h.db.prisma.ledgerExport.findUniqueOrThrow({ where: { id: row.id } })).status).toBe('failed')
      expect(await pendingIds()).not.toContain(row.id)
    } finally {
      await h.db.prisma.room.update({ where: { id: room.id }, data: { wxRoomId: HF } })
    }
  })
})

describe('canMoveExport', () => {
  it.each([
    ['pending', 'done', true],
    ['pending', 'failed', true],
    ['done', 'done', false],
    ['done', 'failed', false],
    ['failed', 'done', false],
    ['nonsense', 'done', false],
  ] as const)('%s → %s: %s', (from, to, ok) => expect(canMoveExport(from, to)).toBe(ok))
})

describe('isLastAttempt (BullMQ: attemptsMade counts the attempts before this one)', () => {
  it.each([
    [0, 5, false],
    [3, 5, false],
    [4, 5, true],
    [0, 1, true],
    [0, undefined, true],
  ] as const)('attempt after %i of %s: last %s', (made, attempts, last) => expect(isLastAttempt({ attemptsMade: made, opts: { attempts } })).toBe(last))
  it('a run with no job (called directly) is the last', () => expect(isLastAttempt()).toBe(true))
})
