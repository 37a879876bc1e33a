// SVG → PNG with resvg (a prebuilt binary inside its npm package) and a CJK font. resvg draws no text at all in a
// font it does not have, silently; so the font is loaded explicitly: the subset of Noto Sans SC shipped in
// assets/fonts (GB 2312's 6,763 hanzi, OFL beside it) on every machine, plus a full system CJK font where one is
// installed (characters outside the subset, e.g. a rare one in a village's name, fall back to it).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Resvg } from '@resvg/resvg-js'

export const CHART_FONT_FAMILY = 'Noto Sans CJK SC'

/** The shipped subset: always there, so charts render the same on a fresh machine. */
export const SHIPPED_FONT = fileURLToPath(new URL('../../assets/fonts/NotoSansSC-Subset.otf', import.meta.url))

/** Full CJK fonts Debian installs (fonts-noto-cjk, fonts-wqy-microhei): used for fallback when present. */
const SYSTEM_CJK_FONTS = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc']

export const chartFonts = (): string[] => [SHIPPED_FONT, ...SYSTEM_CJK_FONTS.filter((f) => existsSync(f))]

export interface Rendered {
  png: Buffer
  width: number
  height: number
  /** RGBA, row by row (what tests count ink in). */
  pixels: Buffer
}

/** `fontFiles` defaults to chartFonts(); [] renders with no font at all (text dropped: what tests guard against). */
export function svgToPng(svg: string, fontFiles: string[] = chartFonts()): Rendered {
  const r = new Resvg(svg, {
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
    background: '#ffffff',
  }).render()
  return { png: r.asPng(), width: r.width, height: r.height, pixels: r.pixels }
}
