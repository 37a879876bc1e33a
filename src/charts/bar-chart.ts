// A grouped bar chart as SVG, drawn by Apache ECharts on the server (SSR, no DOM): categories along the x axis, one
// coloured series each, values on top of the bars. Text in the font family charts/png.ts loads, so Chinese renders.
import { createRequire } from 'node:module'
import type * as Echarts from 'echarts'
import { CHART_FONT_FAMILY } from './png.ts'

// ECharts costs ~70 MB of RSS once loaded (BENCHMARKS.md, "The embedded default"): loaded on the first chart, not
// when the process starts, so a gateway or an idle embedded bot never pays for it. Its CommonJS build, synchronously.
let loaded: typeof Echarts | null = null
const echartsModule = (): typeof Echarts => (loaded ??= createRequire(import.meta.url)('echarts') as typeof Echarts)

export interface BarChartSpec {
  title: string
  categories: string[]
  series: { name: string; values: number[]; color: string }[]
  width: number
  height: number
}

export function barChartSvg(s: BarChartSpec): string {
  const chart = echartsModule().init(null, null, { renderer: 'svg', ssr: true, width: s.width, height: s.height })
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: CHART_FONT_FAMILY },
      title: { text: s.title, left: 'center', top: 8, textStyle: { fontSize: 18, fontFamily: CHART_FONT_FAMILY } },
      legend: { top: 40, textStyle: { fontSize: 14, fontFamily: CHART_FONT_FAMILY } },
      grid: { left: 48, right: 24, top: 80, bottom: 72 },
      xAxis: { type: 'category', data: s.categories, axisLabel: { interval: 0, rotate: s.categories.length > 6 ? 30 : 0, fontSize: 13 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: s.series.map((x) => ({ type: 'bar', name: x.name, data: x.values, itemStyle: { color: x.color }, label: { show: true, position: 'top' } })),
    })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}
