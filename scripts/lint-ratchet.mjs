// Lint warnings fail CI above a ratchet (`npm run check`): `node scripts/lint-ratchet.mjs --max-warnings N` runs
// `biome lint` and fails when it finds more than N warnings, so a new warning (a non-null assertion, an unused
// import …) fails the check while the old ones are paid down. Lower N in package.json's `check` as you pay them
// down; never raise it. `npm run lint` lists them.
import { spawnSync } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const at = process.argv.indexOf('--max-warnings')
const max = Number(process.argv[at + 1])
if (at < 0 || !Number.isInteger(max) || max < 0) {
  console.error('usage: node scripts/lint-ratchet.mjs --max-warnings <N>')
  process.exit(2)
}

const biome = path.join(root, 'node_modules/.bin/biome')
const run = spawnSync(biome, ['lint', '--colors=off', '--max-diagnostics=none', '--reporter=json', '.'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 })
let summary
try {
  summary = JSON.parse(run.stdout).summary
} catch {
  console.error(`lint-ratchet: biome gave no JSON report (exit ${run.status})\n${run.stderr}`)
  process.exit(2)
}
const { warnings } = summary
if (warnings > max) {
  console.error(`lint-ratchet: ${warnings} lint warnings, more than the ${max} allowed: fix the new ones (npm run lint lists them).`)
  process.exit(1)
}
console.log(`lint-ratchet: ok (${warnings} warnings, at most ${max}${warnings < max ? `: lower the ratchet to ${warnings} in package.json` : ''})`)
