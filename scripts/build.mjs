// `npm run build`: src/ → dist/ as plain JavaScript (tsc, tsconfig.build.json: `.ts` import specifiers rewritten to
// `.js`, the generated Prisma client included), then the stamp bin/gridbot.js checks. `--if-stale` builds only when
// src/ changed since the last build (the test runner uses it).
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
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
// Files tsc does not emit: the web console's scripts and styles, served from beside the compiled code.
cpSync(path.join(ROOT, 'src/web/assets'), path.join(ROOT, 'dist/web/assets'), { recursive: true })
mkdirSync(path.dirname(STAMP), { recursive: true })
writeFileSync(STAMP, `${JSON.stringify({ builtAt: new Date(started).toISOString() })}\n`)
console.log(`built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`)
