// `npm test`: the whole suite (vitest, every project of vitest.config.ts), then the one closing line CI reads:
// "N passed, N failed" (counted over every project). Arguments go to vitest: `--project unit` (npm run test:unit)
// runs the pure tests only, with no services; `--project handlers` the handler tests on PGlite in process. For the
// `integration` project PostgreSQL and Redis are installed (when missing) and started by test/setup/services.ts, and
// stopped after; the compiled build (dist/, which the operations tests start as production does) is made first when
// src/ changed since the last build.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'

const args = process.argv.slice(2)
// The projects that run in process need no build: `unit` (pure) and `handlers` (PGlite); only `integration` starts dist/.
const projects = args.flatMap((a, i) => (a === '--project' ? [args[i + 1]] : a.startsWith('--project=') ? [a.slice(10)] : []))
const inProcessOnly = projects.length > 0 && projects.every((p) => p === 'unit' || p === 'handlers')
if (!inProcessOnly) {
  const b = spawnSync(process.execPath, [path.resolve('scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' })
  if (b.status !== 0) {
    console.log('0 passed, 1 failed')
    process.exit(1)
  }
}
const out = path.resolve('.data/test-results.json')
mkdirSync(path.dirname(out), { recursive: true })
rmSync(out, { force: true })
const vitest = path.resolve('node_modules/vitest/vitest.mjs')
const r = spawnSync(process.execPath, [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...args], {
  stdio: 'inherit',
})
let passed = 0
let failed = 0
if (existsSync(out)) {
  const j = JSON.parse(readFileSync(out, 'utf8'))
  passed = j.numPassedTests ?? 0
  failed = (j.numFailedTests ?? 0) + (j.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length
}
if (r.status !== 0 && failed === 0) failed = 1 // the run itself broke (setup, a crashed worker): never report green
console.log(`${passed} passed, ${failed} failed`)
process.exit(r.status === 0 && failed === 0 && passed > 0 ? 0 : 1)
