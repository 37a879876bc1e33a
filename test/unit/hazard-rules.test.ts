// Hazard reports' pure rules: every cell of the transition table, who stands how to a report, routing by category,
// category recognition, the duplicate check, the timer decisions and the org file's hazards policy.
import { describe, expect, it } from 'vitest'
import { distanceM, findDuplicate, similarity, normaliseForMatch } from '../../src/capabilities/hazards/duplicates.ts'
import { categoryOf, recogniseCategory } from '../../src/capabilities/hazards/hazard-categories.ts'
import { GEOREPORT_FIELDS, toCsv, toCsvRow, toGeoReport, CSV_HEADERS } from '../../src/capabilities/hazards/hazard-export.ts'
import { clip } from '../../src/core/text.ts'
import { DEFAULT_HAZARD_POLICY } from '../../src/capabilities/hazards/hazard-policy.ts'
import {
  decideHazard,
  HAZARD_TRANSITIONS,
  hazardRelations,
  routeTarget,
  type HazardAction,
  type HazardRelation,
} from '../../src/capabilities/hazards/hazard-rules.ts'
import { duplicateWaitDecision, hazardEscalationStep, verifyStepDecision } from '../../src/capabilities/hazards/hazard-timers.ts'
import type { Hazard, HazardStatus } from '../../src/capabilities/hazards/hazard.types.ts'
import { policyProblems, resolvePolicy, toPolicyPatch } from '../../src/kernel/policy/policy.ts'
import { policySlices } from '../helpers/policy-slices.ts'

const STATUSES: HazardStatus[] = ['pending_duplicate', 'screening', 'reported', 'acknowledged', 'in_progress', 'resolved', 'verified', 'reopened', 'merged']
const ACTIONS = Object.keys(HAZARD_TRANSITIONS) as HazardAction[]
const rel = (...r: HazardRelation[]) => new Set(r)

describe('hazard transition table', () => {
  // status → the status each action leads to for someone allowed, or the refusal code. Written out in full, so a
  // change to the table is a change here too.
  const expected: Record<HazardAction, Record<HazardStatus, string>> = {
    acknowledge: {
      pending_duplicate: 'HAZARD_PENDING_DUPLICATE',
      screening: 'reported',
      reported: 'acknowledged',
      acknowledged: 'HAZARD_ALREADY_ACKNOWLEDGED',
      in_progress: 'HAZARD_ALREADY_ACKNOWLEDGED',
      resolved: 'HAZARD_ALREADY_RESOLVED',
      verified: 'HAZARD_CLOSED',
      reopened: 'acknowledged',
      merged: 'HAZARD_MERGED',
    },
    progress: {
      pending_duplicate: 'HAZARD_PENDING_DUPLICATE',
      screening: 'HAZARD_SCREENING',
      reported: 'in_progress',
      acknowledged: 'in_progress',
      in_progress: 'in_progress',
      resolved: 'HAZARD_ALREADY_RESOLVED',
      verified: 'HAZARD_CLOSED',
      reopened: 'in_progress',
      merged: 'HAZARD_MERGED',
    },
    resolve: {
      pending_duplicate: 'HAZARD_PENDING_DUPLICATE',
      screening: 'resolved',
      reported: 'resolved',
      acknowledged: 'resolved',
      in_progress: 'resolved',
      resolved: 'HAZARD_ALREADY_RESOLVED',
      verified: 'HAZARD_CLOSED',
      reopened: 'resolved',
      merged: 'HAZARD_MERGED',
    },
    verify: {
      pending_duplicate: 'HAZARD_NOT_RESOLVED',
      screening: 'HAZARD_NOT_RESOLVED',
      reported: 'HAZARD_NOT_RESOLVED',
      acknowledged: 'HAZARD_NOT_RESOLVED',
      in_progress: 'HAZARD_NOT_RESOLVED',
      resolved: 'verified',
      verified: 'HAZARD_CLOSED',
      reopened: 'HAZARD_NOT_RESOLVED',
      merged: 'HAZARD_MERGED',
    },
    reopen: {
      pending_duplicate: 'HAZARD_NOT_RESOLVED',
      screening: 'HAZARD_NOT_RESOLVED',
      reported: 'HAZARD_NOT_RESOLVED',
      acknowledged: 'HAZARD_NOT_RESOLVED',
      in_progress: 'HAZARD_NOT_RESOLVED',
      resolved: 'reopened',
      verified: 'reopened',
      reopened: 'HAZARD_NOT_RESOLVED',
      merged: 'HAZARD_MERGED',
    },
    merge: {
      pending_duplicate: 'merged',
      screening: 'merged',
      reported: 'merged',
      acknowledged: 'HAZARD_IN_HAND',
      in_progress: 'HAZARD_IN_HAND',
      resolved: 'HAZARD_IN_HAND',
      verified: 'HAZARD_CLOSED',
      reopened: 'HAZARD_IN_HAND',
      merged: 'HAZARD_MERGED',
    },
    keep: {
      pending_duplicate: 'reported',
      screening: 'screening',
      reported: 'reported',
      acknowledged: 'HAZARD_IN_HAND',
      in_progress: 'HAZARD_IN_HAND',
      resolved: 'HAZARD_IN_HAND',
      verified: 'HAZARD_CLOSED',
      reopened: 'HAZARD_IN_HAND',
      merged: 'HAZARD_MERGED',
    },
  }
  const everyone = rel('reporter', 'handler', 'supervisor')
  for (const action of ACTIONS)
    for (const status of STATUSES)
      it(`${action} from ${status} → ${expected[action][status]}`, () => {
        const d = decideHazard(status, action, everyone)
        expect(d.ok ? d.to : d.code).toBe(expected[action][status])
      })

  it('who may do what', () => {
    expect(decideHazard('reported', 'acknowledge', rel('reporter'))).toEqual({ ok: false, code: 'HAZARD_NOT_HANDLER' })
    expect(decideHazard('reported', 'acknowledge', rel('supervisor'))).toEqual({ ok: true, to: 'acknowledged' })
    expect(decideHazard('in_progress', 'resolve', rel())).toEqual({ ok: false, code: 'HAZARD_NOT_HANDLER' })
    expect(decideHazard('resolved', 'verify', rel('handler'))).toEqual({ ok: false, code: 'HAZARD_VERIFY_DENIED' })
    expect(decideHazard('resolved', 'verify', rel('reporter'))).toEqual({ ok: true, to: 'verified' })
    expect(decideHazard('resolved', 'reopen', rel('handler'))).toEqual({ ok: false, code: 'HAZARD_VERIFY_DENIED' })
    expect(decideHazard('pending_duplicate', 'merge', rel('supervisor'))).toEqual({ ok: false, code: 'HAZARD_NOT_REPORTER' })
  })

  it('whoever resolved does not verify too, unless the policy says so', () => {
    expect(decideHazard('resolved', 'verify', rel('supervisor', 'resolver'))).toEqual({ ok: false, code: 'HAZARD_SELF_VERIFY' })
    expect(decideHazard('resolved', 'verify', rel('reporter', 'resolver'))).toEqual({ ok: false, code: 'HAZARD_SELF_VERIFY' })
    expect(decideHazard('resolved', 'verify', rel('supervisor', 'resolver'), true)).toEqual({ ok: true, to: 'verified' })
  })
})

describe('how someone stands to a report', () => {
  const unit = { id: 3, path: '/1/2/3/' }
  const h = { reporterWxid: 'w-res', resolverId: 7 }
  const person = (id: number, role: 'admin' | 'supervisor' | 'grid_cadre' | 'volunteer', unitId: number, path: string) => ({
    id,
    wxid: `w${id}`,
    role,
    unitId,
    unit: { path },
  })
  it.each([
    ['a resident who reported it', { wxid: 'w-res', member: null }, ['reporter']],
    ['a resident who did not', { wxid: 'w-other', member: null }, []],
    ['a resident whose report of the same thing was merged in', { wxid: 'w-other', member: null, subscribed: true }, ['reporter']],
    ['a cadre of the handling unit', { wxid: 'w5', member: person(5, 'grid_cadre', 3, '/1/2/3/') }, ['handler']],
    ['a volunteer of the handling unit', { wxid: 'w6', member: person(6, 'volunteer', 3, '/1/2/3/') }, []],
    ['a supervisor above', { wxid: 'w8', member: person(8, 'supervisor', 2, '/1/2/') }, ['supervisor']],
    ['a supervisor of a sibling unit', { wxid: 'w9', member: person(9, 'supervisor', 4, '/1/4/') }, []],
    ['the resolver, a cadre of the unit', { wxid: 'w7', member: person(7, 'grid_cadre', 3, '/1/2/3/') }, ['resolver', 'handler']],
  ] as const)('%s', (_name, who, want) => {
    expect([...hazardRelations(who as never, h, unit)].sort()).toEqual([...want].sort())
  })
})

describe('routing by category level', () => {
  const chain = [
    { id: 1, kind: 'district' as const },
    { id: 2, kind: 'town' as const },
    { id: 3, kind: 'community' as const },
    { id: 4, kind: 'grid' as const },
  ]
  it.each([
    ['grid', chain, 4],
    ['community', chain, 3],
    ['town', chain, 2],
    ['district', chain, 1],
    // Reported in a community's own group, grid-level work stays there (never pushed down).
    ['grid', chain.slice(0, 3), 3],
    // A district without towns: town-level work goes to the district.
    ['town', [chain[0]!, chain[2]!, chain[3]!], 1],
  ] as const)('%s level from %j → unit %i', (level, c, id) => {
    expect(routeTarget([...c], level).id).toBe(id)
  })
  it('default routing follows the issue', () => {
    expect(DEFAULT_HAZARD_POLICY.routing).toMatchObject({
      environment: 'grid',
      other: 'grid',
      fire: 'community',
      electrical: 'community',
      gas: 'community',
      building: 'community',
      traffic: 'town',
      public_order: 'town',
    })
  })
})

describe('categories', () => {
  it.each([
    ['3号楼楼道堆放杂物堵塞消防通道', 'fire'],
    ['地下室电线裸露,有漏电危险', 'electrical'],
    ['闻到煤气味,疑似燃气管漏气', 'gas'],
    ['路口红绿灯坏了', 'traffic'],
    ['井盖丢失', 'traffic'],
    ['外墙瓷砖脱落,有高空坠物风险', 'building'],
    ['小区有可疑人员撬车', 'public_order'],
    ['垃圾桶满了溢出来', 'environment'],
    ['楼道里电动车充电', 'fire'],
    ['有只流浪狗', 'other'],
  ] as const)('%s → %s', (text, want) => {
    expect(recogniseCategory(text)).toBe(want)
  })
  it('given explicitly, by label or code', () => {
    expect(categoryOf('消防')).toBe('fire')
    expect(categoryOf('治安')).toBe('public_order')
    expect(categoryOf('gas')).toBe('gas')
    expect(categoryOf('楼道')).toBeNull()
    expect(categoryOf(undefined)).toBeNull()
  })
})

describe('duplicates', () => {
  it('similarity of descriptions', () => {
    expect(similarity('3号楼楼道堆放杂物堵塞消防通道', '3号楼楼道里堆放杂物,堵塞消防通道')).toBeGreaterThan(0.8)
    expect(similarity('垃圾桶满了', '垃圾桶满了')).toBe(1)
    expect(similarity('路口红绿灯坏了', '3号楼楼道堆放杂物')).toBeLessThan(0.1)
    expect(similarity('', '')).toBe(0)
  })
  // Issue #29, item 17: numbers that are personal data are not words.
  it.each([
    ['5号楼门口垃圾堆积 有异味 联系人电话13912345678', '5号楼门口垃圾堆积 很臭'],
    ['5号楼门口垃圾堆积 有异味 电话:139 1234 5678', '5号楼门口垃圾堆积 很臭 手机15987654321'],
    ['3号楼2单元301门口垃圾堆积,身份证410102195003041234', '3号楼2单元门口垃圾堆积'],
  ])('%s ~ %s: similar despite the personal numbers', (a, b) => {
    expect(similarity(a, b)).toBeGreaterThanOrEqual(0.5)
    expect(
      findDuplicate({ description: a, latitude: null, longitude: null }, [{ id: 9, description: b, latitude: null, longitude: null }], {
        duplicateDistanceM: 100,
        duplicateSimilarity: 0.5,
      }),
    ).toMatchObject({ id: 9, by: 'text' })
  })
  it('keeps the numbers that locate a case: 3号楼 and 5号楼 are told apart', () => {
    expect(similarity('3号楼门口垃圾堆积', '5号楼门口垃圾堆积')).toBeLessThan(1)
    expect(normaliseForMatch('5号楼门口 电话13912345678')).toBe('5号楼门口')
  })
  it('distance in metres', () => {
    // 0.001° of latitude is about 111 m.
    expect(distanceM({ latitude: 34.746, longitude: 113.625 }, { latitude: 34.747, longitude: 113.625 })).toBeCloseTo(111.2, 0)
    expect(distanceM({ latitude: 34.7466, longitude: 113.6253 }, { latitude: 34.7466, longitude: 113.6253 })).toBe(0)
  })
  const policy = { duplicateDistanceM: 100, duplicateSimilarity: 0.5 }
  const open = [
    { id: 1, description: '3号楼楼道堆放杂物堵塞消防通道', latitude: null, longitude: null },
    { id: 2, description: '路口红绿灯坏了', latitude: 34.7466, longitude: 113.6253 },
    { id: 3, description: '信号灯不亮', latitude: 34.75, longitude: 113.63 },
  ]
  it('by text', () => {
    expect(findDuplicate({ description: '3号楼楼道里堆放杂物,堵塞消防通道', latitude: null, longitude: null }, open, policy)).toMatchObject({
      id: 1,
      by: 'text',
    })
  })
  it('by distance, the closest, before text', () => {
    expect(findDuplicate({ description: '信号灯不亮', latitude: 34.7467, longitude: 113.6254 }, open, policy)).toMatchObject({ id: 2, by: 'distance' })
  })
  it('none when neither is close', () => {
    expect(findDuplicate({ description: '楼顶广告牌松动', latitude: 34.8, longitude: 113.7 }, open, policy)).toBeNull()
  })
})

describe('hazard timers', () => {
  const row = (o: Partial<Hazard>) =>
    ({ status: 'reported', escalationCycle: 2, escalationLevel: 0, lastEscalatedAt: new Date('2026-11-20T01:10:00Z'), verifyStep: 0, ...o }) as Hazard
  const now = new Date('2026-11-20T01:20:00Z')
  it('escalates while nobody took it on', () => {
    expect(hazardEscalationStep(row({}), 2, 1, now)).toBe('post')
    expect(hazardEscalationStep(row({ status: 'screening' }), 2, 1, now)).toBe('post')
    expect(hazardEscalationStep(row({ status: 'acknowledged' }), 2, 1, now)).toBe('stale')
    expect(hazardEscalationStep(row({ status: 'reopened' }), 2, 1, now)).toBe('post')
    expect(hazardEscalationStep(row({}), 1, 1, now)).toBe('stale')
    expect(hazardEscalationStep(row({}), 2, 0, now)).toBe('repost')
    expect(hazardEscalationStep(null, 2, 1, now)).toBe('stale')
  })
  it('verification steps only while resolved, in order', () => {
    expect(verifyStepDecision(row({ status: 'resolved' }), 2, 0)).toBe('post')
    expect(verifyStepDecision(row({ status: 'resolved', verifyStep: 1 }), 2, 0)).toBe('stale')
    expect(verifyStepDecision(row({ status: 'verified' }), 2, 0)).toBe('stale')
    expect(verifyStepDecision(row({ status: 'resolved' }), 3, 0)).toBe('stale')
  })
  it('the duplicate wait only while held', () => {
    expect(duplicateWaitDecision(row({ status: 'pending_duplicate' }), 2)).toBe('post')
    expect(duplicateWaitDecision(row({ status: 'reported' }), 2)).toBe('stale')
    expect(duplicateWaitDecision(row({ status: 'pending_duplicate' }), 1)).toBe('stale')
  })
})

describe('policies.hazards in the org file', () => {
  it('converts and merges down the tree', () => {
    const top = toPolicyPatch({ hazards: { routing: { 交通: 'community' }, verifyReminder: '12h', selfVerify: true } }, policySlices)
    const below = toPolicyPatch({ hazards: { routing: { 环境: 'community' }, duplicateDistance: 50 } }, policySlices)
    if (!top.ok || !below.ok) throw new Error('valid blocks refused')
    const p = resolvePolicy([top.patch, below.patch]).hazards
    expect(p.routing.traffic).toBe('community')
    expect(p.routing.environment).toBe('community')
    expect(p.routing.fire).toBe('community')
    expect(p.routing.public_order).toBe('town')
    expect(p.verifyReminderMs).toBe(12 * 3_600_000)
    expect(p.verifyCloseMs).toBe(72 * 3_600_000)
    expect(p.selfVerify).toBe(true)
    expect(p.duplicateDistanceM).toBe(50)
  })
  it('refuses what it does not know, naming the key', () => {
    expect(policyProblems({ hazards: { routing: { 火警: 'grid' } } }, policySlices).join()).toContain('hazards.routing')
    expect(policyProblems({ hazards: { routing: { 消防: 'street' } } }, policySlices).join()).toContain('hazards.routing')
    expect(policyProblems({ hazards: { verifyClose: 'soon' } }, policySlices).join()).toContain('hazards.verifyClose')
    expect(policyProblems({ hazards: { unknown: 1 } }, policySlices)).not.toEqual([])
  })
})

describe('the export', () => {
  const h = {
    id: 1,
    number: 7,
    category: 'fire',
    status: 'resolved',
    priority: 'normal',
    description: '3号楼2单元301门口堆放杂物,电话13812345678',
    createdAt: new Date('2026-11-20T01:00:00Z'),
    updatedAt: new Date('2026-11-20T02:00:00Z'),
    address: '建设路12号',
    latitude: 34.7466,
    longitude: 113.6253,
    events: [{ kind: 'resolved', note: '已清理', at: new Date('2026-11-20T02:00:00Z') }],
  } as unknown as Hazard & { events: never[] }
  it('has every GeoReport v2 field, typed as the specification says, personal data masked', () => {
    const r = toGeoReport({ hazard: h, handlingUnit: '华府社区', reportUnit: '华府社区5号网格', images: ['bot-main/m1.jpg'] }, 'https://files.example.org/m/')
    expect(Object.keys(r)).toEqual([...GEOREPORT_FIELDS])
    expect(r).toMatchObject({
      service_request_id: 'H7',
      status: 'open',
      service_code: 'fire',
      service_name: '消防',
      agency_responsible: '华府社区',
      requested_datetime: '2026-11-20T09:00:00+08:00',
      updated_datetime: '2026-11-20T10:00:00+08:00',
      lat: 34.7466,
      long: 113.6253,
      media_url: 'https://files.example.org/m/bot-main/m1.jpg',
    })
    expect(r.description).not.toContain('13812345678')
    expect(r.description).not.toContain('301')
    expect(r.address).toBe('建设路**号')
    expect(r.status_notes).toContain('已清理')
  })
  it('CSV never hands a spreadsheet a formula someone typed into a report', () => {
    expect(toCsv([['=HYPERLINK("http://x.cn","点我")', '+1', '-2', '@SUM(A1)', '3号楼', -5]])).toBe(
      '\uFEFF"\'=HYPERLINK(""http://x.cn"",""点我"")",\'+1,\'-2,\'@SUM(A1),3号楼,-5\r\n',
    )
  })
  it('CSV masks a reporter name that carries a phone number', () => {
    const row = toCsvRow({
      hazard: { ...h, reporterName: '张大爷13812345678', reportCount: 1, verifiedHow: null, result: null } as never,
      handlingUnit: 'x',
      reportUnit: 'y',
      images: [],
    })
    expect(row.join()).not.toContain('13812345678')
  })
  it('CSV names a resident reporter 居民, as the 台账 does; a member by name (issue #29, item 5)', () => {
    const row = (reporterMemberId: number | null, reporterName: string) =>
      toCsvRow({
        hazard: { ...h, reporterMemberId, reporterName, reportCount: 1, verifiedHow: null, result: null } as never,
        handlingUnit: 'x',
        reportUnit: 'y',
        images: [],
      })
    const at = CSV_HEADERS.indexOf('上报人')
    expect(row(null, '张大爷')[at]).toBe('居民')
    expect(row(null, '张大爷').join()).not.toContain('张大爷')
    expect(row(12, '李佳鑫')[at]).toBe('李佳鑫')
  })
  it('CSV is quoted where needed and starts with a BOM', () => {
    const csv = toCsv([
      ['a', 'b,c'],
      ['"q"', 1],
    ])
    expect(csv).toBe('\uFEFFa,"b,c"\r\n"""q""",1\r\n')
  })
})

describe('clipping stored text', () => {
  it('never splits a character', () => {
    expect(clip('ab🔥🔥cd', 3)).toEqual({ text: 'ab🔥', clipped: true })
    expect(clip('短', 500)).toEqual({ text: '短', clipped: false })
  })
})
