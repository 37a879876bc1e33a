// `npm ci` / `npm install`: the Prisma client is generated (required), then src/ is compiled to dist/ when it is
// stale, so `npm start` runs plain JavaScript: the embedded default then starts sooner and holds ~35 MB less than
// through tsx (BENCHMARKS.md, issue #27). The build is best effort: a tree without src/ (the Docker build stage copies
// it later) or one that does not compile still installs, and bin/gridbot.js falls back to the TypeScript source.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const run = (script, ...args) => spawnSync(process.execPath, [path.join(root, script), ...args], { stdio: 'inherit', cwd: root }).status
const generated = run('scripts/db/generate.mjs')
if (generated !== 0) process.exit(generated ?? 1)
if (existsSync(path.join(root, 'src')) && existsSync(path.join(root, 'tsconfig.build.json')) && !process.env.GRIDBOT_SKIP_BUILD) {
  if (run('scripts/build.mjs', '--if-stale') !== 0) console.warn('gridbot: dist/ not built; `npm start` will run the TypeScript source through tsx')
}
