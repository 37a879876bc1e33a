// SVG → PNG with resvg (a prebuilt binary inside its npm package) and a CJK font. resvg draws no text at all in a
// font it does not have, silently; so the font is loaded explicitly: the subset of Noto Sans SC shipped in
// assets/fonts (GB 2312's 6,763 hanzi, OFL beside it) on every machine, plus a full system CJK font where one is
// installed (characters outside the subset, e.g. a rare one in a village's name, fall back to it).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Resvg, renderAsync, type RenderedImage } from '@resvg/resvg-js'

export const CHART_FONT_FAMILY = 'Noto Sans CJK SC'

/** The shipped subset: always there, so charts render the same on a fresh machine. */
export const SHIPPED_FONT = fileURLToPath(new URL('../../assets/fonts/NotoSansSC-Subset.otf', import.meta.url))

/** Full CJK fonts Debian installs (fonts-noto-cjk, fonts-wqy-microhei): used for fallback when present. */
const SYSTEM_CJK_FONTS = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc']

let systemFonts: string[] | null = null
let subsetChars: Set<string> | null = null

/** The characters the shipped subset has beyond ASCII: GB 2312 and the ranges scripts/fonts/make-cjk-subset.py adds. */
function inSubset(): Set<string> {
  if (subsetChars) return subsetChars
  const gb = new TextDecoder('gb2312')
  const chars = new Set<string>()
  for (let hi = 0xa1; hi <= 0xf7; hi++) for (let lo = 0xa1; lo <= 0xfe; lo++) chars.add(gb.decode(new Uint8Array([hi, lo])))
  const ranges = [
    [0x3000, 0x303f],
    [0xff00, 0xffef],
    [0x2010, 0x206f],
    [0xb7, 0xb7],
    [0xd7, 0xd7],
  ] as const
  for (const [from, to] of ranges) for (let c = from; c <= to; c++) chars.add(String.fromCharCode(c))
  subsetChars = chars
  return chars
}

/**
 * The fonts a chart needs: the shipped subset, and the system's full CJK font only when the chart has a character
 * the subset lacks (loading a 20 MB collection costs ~30 ms a chart; most charts never need it).
 */
export function chartFonts(svg = ''): string[] {
  const subset = inSubset()
  const rare = [...svg].some((c) => c.charCodeAt(0) > 0x7f && !subset.has(c))
  if (!rare) return [SHIPPED_FONT]
  systemFonts ??= SYSTEM_CJK_FONTS.filter((f) => existsSync(f))
  return [SHIPPED_FONT, ...systemFonts]
}

export interface Rendered {
  png: Buffer
  width: number
  height: number
  /** RGBA, row by row (what tests count ink in). */
  pixels: Buffer
}

const renderOptions = (fontFiles: string[]) => ({
  font: { fontFiles, loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
  background: '#ffffff',
})

const rendered = (r: RenderedImage): Rendered => ({ png: r.asPng(), width: r.width, height: r.height, pixels: r.pixels })

/** `fontFiles` defaults to chartFonts(); [] renders with no font at all (text dropped: what tests guard against). */
export function svgToPng(svg: string, fontFiles: string[] = chartFonts(svg)): Rendered {
  return rendered(new Resvg(svg, renderOptions(fontFiles)).render())
}

/**
 * The same, drawn on libuv's thread pool: resvg's ~50 ms a chart (text to outlines, rasterising) then leaves the
 * event loop free for the messages a worker handles meanwhile, and two charts draw at once on two cores.
 */
export async function svgToPngAsync(svg: string, fontFiles: string[] = chartFonts(svg)): Promise<Rendered> {
  return rendered(await renderAsync(svg, renderOptions(fontFiles)))
}
