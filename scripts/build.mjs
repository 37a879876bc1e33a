// `npm run build`: src/ → dist/ as plain JavaScript (tsc, tsconfig.build.json: `.ts` import specifiers rewritten to
// `.js`, the generated Prisma client included), then the stamp bin/gridbot.js checks. `--if-stale` builds only when
// src/ changed since the last build (the test runner uses it).
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { distIsFresh, ROOT, STAMP } from '../bin/dist-fresh.js'

if (process.argv.includes('--if-stale') && distIsFresh()) process.exit(0)
const started = Date.now()
rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true })
const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc')
const r = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' })
if (r.status !== 0) {
  console.error('build failed')
  process.exit(r.status ?? 1)
}
mkdirSync(path.dirname(STAMP), { recursive: true })
writeFileSync(STAMP, `${JSON.stringify({ builtAt: new Date(started).toISOString() })}\n`)
console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`)
