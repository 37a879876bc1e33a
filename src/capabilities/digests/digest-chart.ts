// The digest's chart: per direct child unit, bars of check-ins in the period and of open items (待关注: overdue tasks,
// hazards open over 48 h, unacknowledged notices, hours waiting for approval) — ECharts SVG, then PNG with a CJK
// font. Rendered only for a digest that is sent (scheduled or asked for), never on the message hot path; a unit
// with no child units gets no chart.
import { barChartSvg, type BarChartSpec } from '../../charts/bar-chart.ts'
import { svgToPngAsync } from '../../charts/png.ts'
import { digestTexts as t } from './digest.texts.ts'
import type { DigestChild, DigestCounts } from './digest.types.ts'

export const CHART_HEIGHT = 420
const MIN_WIDTH = 640
const MAX_WIDTH = 1600
const PER_CHILD = 90

/** Open items of a child: what its problems section counts. */
export const openItems = (c: DigestChild) => c.overdueTasks.length + c.oldHazards.length + c.unackedNotices + c.pendingHours

/** The chart's width: room for every child's label, within bounds. */
export const chartWidth = (children: number) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, 120 + PER_CHILD * children))

/** What the chart shows; null when the unit has no child units. Pure. */
export function digestChartSpec(c: DigestCounts): BarChartSpec | null {
  if (!c.children.length) return null
  return {
    title: t.chartTitle(c.period.kind, c.unitName, c.period.label),
    categories: c.children.map((u) => u.name),
    series: [
      { name: t.chartCheckins, values: c.children.map((u) => u.checkins), color: '#3b82f6' },
      { name: t.chartOpen, values: c.children.map(openItems), color: '#f97316' },
    ],
    width: chartWidth(c.children.length),
    height: CHART_HEIGHT,
  }
}

/** The chart as PNG bytes, or null when there is nothing to chart. */
export async function digestChartPng(c: DigestCounts): Promise<Buffer | null> {
  const spec = digestChartSpec(c)
  return spec ? (await svgToPngAsync(barChartSvg(spec))).png : null
}
