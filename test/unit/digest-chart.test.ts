// The digest's chart PNG: it decodes (signature, IHDR size as computed), and Chinese renders — the same chart drawn
// with no font loses its text (resvg drops it silently), which the ink counts in the title and label bands catch;
// two different hanzi draw different pixels (not the same missing-glyph box).
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { barChartSvg } from '../../src/charts/bar-chart.ts'
import { svgToPng, svgToPngAsync } from '../../src/charts/png.ts'
import { CHART_HEIGHT, chartWidth, digestChartPng, digestChartSpec, openItems } from '../../src/capabilities/digests/digest-chart.ts'
import { emptyChild } from '../../src/capabilities/digests/digest-rules.ts'
import type { DigestCounts } from '../../src/capabilities/digests/digest.types.ts'

const child = (name: string, checkins: number, overdue: number[] = [], pendingHours = 0) => ({
  ...emptyChild(name, true),
  checkins,
  overdueTasks: overdue,
  pendingHours,
})

const counts = (children: DigestCounts['children']): DigestCounts => ({
  unitName: '华府社区',
  period: { kind: 'daily', from: new Date('2026-11-19T16:00:00Z'), to: new Date('2026-11-20T16:00:00Z'), label: '11月20日' },
  late: false,
  children,
  own: emptyChild('华府社区', false),
  checkinsByType: { patrol: 0, visit: 0, meeting: 0, service: 0, publicity: 0, mediation: 0, collection: 0 },
  households: 0,
  tasks: { opened: 0, claimed: 0, done: 0 },
  hazards: { reported: 0, resolved: 0 },
  hours: { approvedMinutes: 0, approvedEntries: 0 },
  notices: { sent: 0, deliveries: 0, rooms: 0, onTime: 0 },
  funnel: { needs: 0, needsToTasks: 0, tasks: 0, tasksDone: 0, projects: 0, projectsDone: 0, resources: 0 } as never,
})

const c = counts([child('华府社区5号网格', 7, [3, 4], 1), child('华府社区6号网格', 2), child('正商社区1号网格', 0, [9])])

/** Pixels in rows [y0, y1) that are not (near) white. */
function ink(png: Buffer, y0: number, y1: number): number {
  const img = PNG.sync.read(png)
  let n = 0
  for (let y = Math.max(0, y0); y < Math.min(img.height, y1); y++)
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 4
      if (img.data[i]! < 200 || img.data[i + 1]! < 200 || img.data[i + 2]! < 200) n++
    }
  return n
}

describe('the digest chart', () => {
  it('per child: check-ins and open items; none for a unit without child units', async () => {
    const spec = digestChartSpec(c)!
    expect(spec.categories).toEqual(['华府社区5号网格', '华府社区6号网格', '正商社区1号网格'])
    expect(spec.series.map((s) => [s.name, s.values])).toEqual([
      ['签到', [7, 2, 0]],
      ['待关注', [3, 0, 1]],
    ])
    expect(openItems(c.children[0]!)).toBe(3)
    expect(digestChartSpec(counts([]))).toBeNull()
    expect(await digestChartPng(counts([]))).toBeNull()
  })

  it('is a PNG of the computed size', async () => {
    const png = (await digestChartPng(c))!
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR')
    expect(png.readUInt32BE(16)).toBe(chartWidth(3))
    expect(png.readUInt32BE(20)).toBe(CHART_HEIGHT)
    const img = PNG.sync.read(png)
    expect([img.width, img.height]).toEqual([chartWidth(3), CHART_HEIGHT])
  })

  it('renders its Chinese title and labels: without the font the same bands are blank', () => {
    const svg = barChartSvg(digestChartSpec(c)!)
    const withFont = svgToPng(svg).png
    const noFont = svgToPng(svg, []).png
    const title: [number, number] = [0, 36] // the title, above the legend
    const labels: [number, number] = [CHART_HEIGHT - 72 + 10, CHART_HEIGHT] // below the axis and its ticks
    expect(ink(noFont, ...title)).toBe(0)
    expect(ink(noFont, ...labels)).toBe(0)
    expect(ink(withFont, ...title)).toBeGreaterThan(200)
    expect(ink(withFont, ...labels)).toBeGreaterThan(200)
  })

  it('is drawn the same on the thread pool as on the event loop (what the digest jobs use)', async () => {
    const svg = barChartSvg(digestChartSpec(c)!)
    const [sync, pooled] = [svgToPng(svg), await svgToPngAsync(svg)]
    expect(pooled.width).toBe(sync.width)
    expect(pooled.pixels.equals(sync.pixels)).toBe(true)
  })

  it('draws each hanzi as itself, not as one missing-glyph box', () => {
    const glyph = (ch: string) =>
      svgToPng(
        `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><text x="4" y="52" font-size="56" font-family="Noto Sans CJK SC">${ch}</text></svg>`,
      ).pixels
    const [hua, fu, missing] = [glyph('华'), glyph('府'), glyph('\u{E000}')]
    expect(hua.equals(fu)).toBe(false)
    expect(hua.equals(missing)).toBe(false)
    expect(fu.equals(missing)).toBe(false)
  })
})

describe('chart fonts', () => {
  it('loads only the shipped subset for common hanzi, and the full system font only for a character outside it', async () => {
    const { chartFonts, SHIPPED_FONT } = await import('../../src/charts/png.ts')
    expect(chartFonts('<text>华府社区5号网格 签到 12 ·×—「」</text>')).toEqual([SHIPPED_FONT])
    const rare = chartFonts('<text>䶮村</text>') // U+4DAE: not in GB 2312
    expect(rare[0]).toBe(SHIPPED_FONT)
    const { existsSync } = await import('node:fs')
    const installed = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'].filter((f) => existsSync(f))
    expect(rare.slice(1)).toEqual(installed)
  })
})
