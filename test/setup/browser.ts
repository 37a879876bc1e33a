// The browser tests' Chromium and fonts: Debian's chromium, a CJK font and a colour emoji font, installed with apt
// when missing (never a browser download). Runs once before the integration project.
import { existsSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { aptInstall } from '../../src/runtime/system-packages.ts'

export const CHROMIUM = '/usr/bin/chromium'

const hasFont = (family: string) => {
  const r = spawnSync('fc-list', [':', 'family'], { encoding: 'utf8' })
  return r.status === 0 && r.stdout.includes(family)
}

export default function setup() {
  const say = (l: string) => console.log(`[browser] ${l}`)
  const missing: string[] = []
  if (!existsSync(CHROMIUM)) missing.push('chromium')
  if (!hasFont('Noto Sans CJK SC')) missing.push('fonts-noto-cjk')
  if (!hasFont('Noto Color Emoji')) missing.push('fonts-noto-color-emoji')
  if (missing.length) aptInstall(missing, say)
}
