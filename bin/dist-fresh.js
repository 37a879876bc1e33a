// Whether dist/ (the compiled build, `npm run build`) is current: its stamp is newer than every file under src/.
// A deployment that ships only dist/ (no src/) is current by definition.
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

export const ROOT = path.resolve(import.meta.dirname, '..')
export const STAMP = path.join(ROOT, 'dist/BUILD.json')

function newest(dir) {
  let max = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    max = Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }
  return max
}

export function distIsFresh() {
  if (!existsSync(STAMP) || !existsSync(path.join(ROOT, 'dist/cli.js'))) return false
  const src = path.join(ROOT, 'src')
  return !existsSync(src) || newest(src) <= statSync(STAMP).mtimeMs
}
