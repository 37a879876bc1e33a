// Hazard commands through the real dispatcher with no services (PGlite in process, recording outbox, manual
// scheduler), then the export read back from the records they made and checked against the GeoReport v2 fields.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { VirtualClock } from '../../src/core/clock.ts'
import { createLogger } from '../../src/core/logger.ts'
import type { InboundMessage } from '../../src/core/message.ts'
import { Counters } from '../../src/core/metrics.ts'
import { commandSet } from '../../src/commands/registry.ts'
import { domainEvents } from '../../src/app/capability-wiring.ts'
import { loadOrgFile } from '../../src/config/org-file.ts'
import { openDatabase, type Database } from '../../src/db/client.ts'
import { exportHazards } from '../../src/capabilities/hazards/hazard-export.service.ts'
import { GEOREPORT_FIELDS } from '../../src/capabilities/hazards/hazard-export.ts'
import { OrgCache } from '../../src/kernel/org/org-cache.ts'
import { importOrg } from '../../src/app/org-import.ts'
import { bindRoomsByTopic } from '../../src/kernel/org/org.service.ts'
import { createDispatcher, type Dispatch } from '../../src/pipeline/dispatcher.ts'
import { DEMO_ORG } from '../helpers/paths.ts'
import { ManualScheduler, MemoryRateLimiter, RecordingOutbox, tempMedia } from '../helpers/seams.ts'
import { templateData } from '../helpers/template-db.ts'

const GRID = 'room-华府社区5号网格群'
const COMMUNITY = 'room-华府社区群'
const TOWN = 'room-人和路街道工作群'
const log = createLogger('silent')
let db: Database
let dispatch: Dispatch
let n = 0
const clock = new VirtualClock(new Date('2026-11-20T09:00:00+08:00'))
const outbox = new RecordingOutbox()
const scheduler = new ManualScheduler()

beforeAll(async () => {
  db = await openDatabase({ pgliteData: templateData() })
  await importOrg(db.prisma, await loadOrgFile(DEMO_ORG))
  await bindRoomsByTopic(db.prisma, '二七区', (topic) => `room-${topic}`, clock.now())
  dispatch = createDispatcher({
    prisma: db.prisma,
    org: new OrgCache(clock),
    commands: commandSet,
    events: domainEvents,
    outbox,
    scheduler,
    rateLimiter: new MemoryRateLimiter(),
    clock,
    log,
    counters: new Counters(),
    rateLimitPerMinute: 100,
    media: tempMedia(),
  })
})
afterAll(() => db?.close())

async function send(roomId: string, talkerId: string, text: string, talkerName = talkerId) {
  outbox.clear()
  const msg: InboundMessage = {
    accountId: 'bot-main',
    messageId: `h${++n}`,
    roomId,
    roomTopic: null,
    talkerId,
    talkerName,
    kind: 'text',
    text,
    mentionsSelf: false,
    receivedAt: clock.now().toISOString(),
  }
  await dispatch(msg)
  return msg
}

// GeoReport v2 service request, as the specification types its fields.
const georeport = z
  .object({
    service_request_id: z.string().min(1),
    status: z.enum(['open', 'closed']),
    status_notes: z.string().nullable(),
    service_name: z.string().min(1),
    service_code: z.string().min(1),
    description: z.string().nullable(),
    agency_responsible: z.string().nullable(),
    service_notice: z.string().nullable(),
    requested_datetime: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/),
    updated_datetime: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/),
    expected_datetime: z.string().nullable(),
    address: z.string().nullable(),
    address_id: z.string().nullable(),
    zipcode: z.string().nullable(),
    lat: z.number().nullable(),
    long: z.number().nullable(),
    media_url: z.string().url().nullable(),
  })
  .strict()

describe('hazard handlers without services', () => {
  it('a resident outside a grid group is asked to report in their grid; nothing is recorded', async () => {
    await send(COMMUNITY, 'wxid_stranger', '#隐患 路灯不亮', '路人')
    expect(outbox.to(COMMUNITY).join()).toContain('居民请在所在网格的群里上报隐患')
    expect(await db.prisma.hazard.count()).toBe(0)
  })

  it('a replayed report is recorded once', async () => {
    const msg = await send(GRID, 'wxid_lijiaxin', '#隐患 消防 3号楼2单元301门口堆放杂物,电话13812345678')
    outbox.clear()
    await dispatch(msg)
    expect(await db.prisma.hazard.count()).toBe(1)
    expect(outbox.to(GRID)).toEqual([])
    expect([...scheduler.pending.values()].some((t) => t.kind === 'hazard_escalate')).toBe(true)
  })

  it('the full record read from above is masked unless asked for, and asking is recorded', async () => {
    await send(TOWN, 'wxid_liu', '#隐患 H1')
    expect(outbox.to(TOWN).join()).not.toContain('13812345678')
    await send(TOWN, 'wxid_liu', '#隐患 H1 完整')
    expect(outbox.to(TOWN).join()).toContain('13812345678')
    expect(await db.prisma.hazardEvent.count({ where: { kind: 'disclosed' } })).toBe(1)
    // A cadre of a sibling community may not read it at all.
    await send('room-正商社区1号网格群', 'wxid_zhoumin', '#隐患 H1')
    expect(outbox.to('room-正商社区1号网格群').join()).toContain('无权查看')
  })

  it('exports what was recorded as GeoReport v2 service requests and as CSV', async () => {
    await send(COMMUNITY, 'wxid_wang', '#办结 H1 已清理')
    const json = await exportHazards(db.prisma, { format: 'open311', since: null, district: null, mediaBaseUrl: null })
    const rows = z.array(georeport).parse(JSON.parse(json.body))
    expect(rows).toHaveLength(1)
    expect(Object.keys(rows[0]!)).toEqual([...GEOREPORT_FIELDS])
    expect(rows[0]).toMatchObject({ service_request_id: 'H1', status: 'open', service_code: 'fire', agency_responsible: '华府社区' })
    expect(json.body).not.toContain('13812345678')
    const csv = await exportHazards(db.prisma, { format: 'csv', since: null, district: null, mediaBaseUrl: null })
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toContain('编号,状态,类别')
    expect(lines[1]).toContain('H1,已办结待核实,消防')
    const later = await exportHazards(db.prisma, { format: 'open311', since: new Date('2026-11-21T00:00:00+08:00'), district: null, mediaBaseUrl: null })
    expect(JSON.parse(later.body)).toEqual([])
  })
})

describe('a long description (issue #29, item 23)', () => {
  it('is kept whole: the 2,000-character limit of a command is the only limit', async () => {
    const description = `5号楼北侧消防通道被长期占用,${'情况说明:电动车和杂物堆放,住户多次反映,物业未处理。'.repeat(40)}`
    expect(description.length).toBeGreaterThan(1000)
    await send(GRID, 'wxid_lijiaxin', `#隐患 消防 ${description}`)
    expect(outbox.to(GRID).join()).not.toContain('已保存前')
    const h = await db.prisma.hazard.findFirstOrThrow({ orderBy: { id: 'desc' } })
    expect(h.description).toBe(description)
  })
})
