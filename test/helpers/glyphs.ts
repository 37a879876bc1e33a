// "Rendered, not as boxes": what the page really painted for a character, read back from a screenshot of it.
// A missing glyph is drawn as the same box (tofu) whatever the character, and in the text colour; so a real CJK glyph
// has ink, differs from the box drawn for an unassigned code point, and differs from other characters' glyphs; a real
// colour emoji has many saturated pixels (the box and a monochrome fallback have none).
import type { Page } from 'playwright-core'
import { expect } from 'vitest'

export interface Glyph {
  char: string
  /** Pixels that differ from the background. */
  ink: number
  /** Ink pixels of strong colour (max − min channel > 90): a colour emoji's, never a black or grey glyph's. */
  colored: number
  /** Pixels in the sample (24 × 24). */
  area: number
  /** Ink mask, 24 × 24, as '0'/'1'. */
  mask: string
}

const SIZE = 24
/** Code points no font assigns (U+0378, U+0379): what the page paints for glyphs it does not have. */
export const UNASSIGNED = '\u0378'
export const UNASSIGNED_TOO = '\u0379'

type Rect = { x: number; y: number; width: number; height: number }

/** The viewport rectangle of the first visible occurrence of `text` in the page (scrolled into view). */
async function rectOf(page: Page, text: string, within: string): Promise<Rect | null> {
  return page.evaluate(
    ({ text, within }) => {
      for (const root of document.querySelectorAll(within)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const i = n.textContent?.indexOf(text) ?? -1
          if (i < 0) continue
          n.parentElement?.scrollIntoView({ block: 'center' })
          const range = document.createRange()
          range.setStart(n, i)
          range.setEnd(n, i + text.length)
          const r = range.getBoundingClientRect()
          if (r.width > 0 && r.height > 0) return { x: r.x, y: r.y, width: r.width, height: r.height }
        }
      }
      return null
    },
    { text, within },
  )
}

/** Reads a PNG (a screenshot of one glyph) in the page's canvas: ink, colour and a mask. */
async function analyse(page: Page, png: Buffer): Promise<Omit<Glyph, 'char'>> {
  return page.evaluate(
    async ({ b64, size }) => {
      const img = new Image()
      img.src = `data:image/png;base64,${b64}`
      await img.decode()
      const canvas = document.createElement('canvas')
      canvas.width = size
      canvas.height = size
      const g = canvas.getContext('2d')!
      g.drawImage(img, 0, 0, size, size)
      const { data } = g.getImageData(0, 0, size, size)
      // The background is the most common colour of the sample.
      const counts = new Map<string, number>()
      for (let i = 0; i < data.length; i += 4) {
        const k = `${data[i]},${data[i + 1]},${data[i + 2]}`
        counts.set(k, (counts.get(k) ?? 0) + 1)
      }
      const bg = [...counts]
        .sort((a, b) => b[1] - a[1])[0]![0]
        .split(',')
        .map(Number)
      let ink = 0
      let colored = 0
      let mask = ''
      for (let i = 0; i < data.length; i += 4) {
        const [r, gr, b] = [data[i]!, data[i + 1]!, data[i + 2]!]
        const on = Math.abs(r - bg[0]!) + Math.abs(gr - bg[1]!) + Math.abs(b - bg[2]!) > 90
        if (on) ink++
        if (on && Math.max(r, gr, b) - Math.min(r, gr, b) > 90) colored++
        mask += on ? '1' : '0'
      }
      return { ink, colored, area: size * size, mask }
    },
    { b64: png.toString('base64'), size: SIZE },
  )
}

/** What the page painted for `text` (its first visible occurrence inside `within`). */
export async function glyphOf(page: Page, text: string, within = 'body'): Promise<Glyph> {
  const r = await rectOf(page, text, within)
  if (!r) throw new Error(`「${text}」不在页面上`)
  const png = await page.screenshot({ clip: r })
  return { char: text, ...(await analyse(page, png)) }
}

/** The box the page paints for a missing glyph, in the font and size of the element `like`. */
export async function tofuOf(page: Page, like: string, ch = UNASSIGNED): Promise<Glyph> {
  await page.evaluate(
    ({ like, ch }) => {
      const model = document.querySelector(like) ?? document.body
      const s = getComputedStyle(model)
      const span = document.createElement('span')
      span.id = 'tofu-probe'
      span.textContent = ch
      Object.assign(span.style, {
        position: 'fixed',
        left: '10px',
        top: '10px',
        zIndex: '99999',
        background: '#fff',
        color: s.color,
        fontFamily: s.fontFamily,
        fontSize: s.fontSize,
      })
      document.body.append(span)
    },
    { like, ch },
  )
  try {
    return await glyphOf(page, ch, '#tofu-probe')
  } finally {
    await page.evaluate(() => document.getElementById('tofu-probe')?.remove())
  }
}

/** Share of the mask's pixels that differ. */
export const maskDistance = (a: Glyph, b: Glyph) => [...a.mask].filter((bit, i) => bit !== b.mask[i]).length / a.mask.length

/** Chinese characters drawn as distinct real glyphs, and emoji drawn in colour: none of them the missing-glyph box. */
export async function expectRendered(page: Page, within: string, chinese: string[], emoji: string[]) {
  const tofu = await tofuOf(page, within)
  const glyphs = []
  for (const ch of chinese) glyphs.push(await glyphOf(page, ch, within))
  for (const g of glyphs) {
    // A CJK glyph in dark text: ink, and no colour (a colour fringe would mean sub-pixel text, not a glyph test).
    expect(g.colored, `${g.char} is dark text`).toBeLessThan(g.area * 0.02)
    expect(g.ink, `${g.char} has ink`).toBeGreaterThan(10)
    expect(maskDistance(g, tofu), `${g.char} is not the missing-glyph box`).toBeGreaterThan(0.05)
  }
  for (let i = 0; i < glyphs.length; i++)
    for (let j = i + 1; j < glyphs.length; j++) expect(maskDistance(glyphs[i]!, glyphs[j]!), `${glyphs[i]!.char} ≠ ${glyphs[j]!.char}`).toBeGreaterThan(0.05)
  for (const e of emoji) {
    const g = await glyphOf(page, e, within)
    expect(g.colored / g.area, `${e} is drawn in colour`).toBeGreaterThan(0.03)
    expect(maskDistance(g, tofu), `${e} is not the missing-glyph box`).toBeGreaterThan(0.05)
  }
  // The control: the reference really is the box a missing glyph gets — drawn (ink), in the text colour, and the same
  // box for another missing character. So characters drawn as boxes would fail the checks above.
  expect(tofu.ink).toBeGreaterThan(10)
  expect(tofu.colored).toBe(0)
  expect(maskDistance(tofu, await tofuOf(page, within, UNASSIGNED_TOO))).toBeLessThan(0.05)
}
