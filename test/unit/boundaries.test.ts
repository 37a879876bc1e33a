// The layer rules hold by tooling: a seeded violation in a copy of the tree fails `depcruise` / `biome lint` with the
// rule that forbids it, while the real tree passes (CI runs `npm run check` on it). The copy is a scratch folder
// with the real configs and a link to node_modules, so nothing is written into the repository. dependency-cruiser runs
// in this process through its API (what its CLI calls: the same options from .dependency-cruiser.cjs, the same tsconfig):
// TypeScript loads once instead of once per seed, which kept this file near a minute on a loaded machine.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { cruise } from 'dependency-cruiser'
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options'
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
let dir = ''

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-boundaries-'))
  for (const f of ['.dependency-cruiser.cjs', 'tsconfig.json', 'biome.json', 'package.json', 'lint'])
    cpSync(path.join(root, f), path.join(dir, f), { recursive: true })
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'))
  // The scratch copy is no git checkout (and the unit project must run where git is not installed): Biome is told
  // not to look for one; every other setting is the repository's own.
  const biome = JSON.parse(readFileSync(path.join(dir, 'biome.json'), 'utf8'))
  writeFileSync(path.join(dir, 'biome.json'), JSON.stringify({ ...biome, vcs: { enabled: false } }))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function seed(files: Record<string, string>) {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    writeFileSync(path.join(dir, file), text)
  }
}

const run = (bin: string, args: string[]) => {
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', bin), ...args], { cwd: dir, encoding: 'utf8' })
  return { status: r.status, out: `${r.stdout}${r.stderr}` }
}
// `depcruise src --config .dependency-cruiser.cjs --output-type err` in the scratch copy: status is the error count.
const depcruise = async () => {
  const options = await extractDepcruiseOptions(path.join(dir, '.dependency-cruiser.cjs'))
  const tsConfig = extractTSConfig(path.join(dir, 'tsconfig.json'))
  const r = await cruise(['src'], { ...options, baseDir: dir, outputType: 'err' }, {}, { tsConfig })
  return { status: r.exitCode, out: String(r.output) }
}
const lint = () => run('@biomejs/biome/bin/biome', ['lint', '--colors=off', '--diagnostic-level=error', 'src'])

describe('boundaries', () => {
  it('pass on clean files', async () => {
    seed({ 'src/core/ok.ts': 'export const ok = 1\n', 'src/pipeline/uses-core.ts': "import { ok } from '../core/ok.ts'\nexport const x = ok\n" })
    expect((await depcruise()).status).toBe(0)
    expect(lint().status).toBe(0)
  })

  it.each([
    ['core importing wechaty', { 'src/core/bad.ts': "import 'wechaty'\n" }, 'only-transport-imports-wechaty'],
    [
      'core importing a module of ours outside core',
      { 'src/parser/p.ts': 'export const p = 1\n', 'src/core/bad2.ts': "export { p } from '../parser/p.ts'\n" },
      'core-imports-only-core',
    ],
    [
      'the pipeline importing a command',
      { 'src/commands/c.ts': 'export const c = 1\n', 'src/pipeline/bad.ts': "export { c } from '../commands/c.ts'\n" },
      'pipeline-not-to-commands',
    ],
    [
      'a command importing a repository',
      { 'src/domain/x/x.repo.ts': 'export const r = 1\n', 'src/commands/bad.ts': "export { r } from '../domain/x/x.repo.ts'\n" },
      'commands-through-services',
    ],
    [
      'a service importing the generated client',
      {
        'src/db/generated/client.ts': 'export type Row = { id: number }\n',
        'src/domain/x/bad.service.ts': "import type { Row } from '../../db/generated/client.ts'\nexport type R = Row\n",
      },
      'prisma-client-only-in-db-and-repos',
    ],
    [
      'jobs importing the dev-only server starters',
      { 'src/runtime/srv.ts': 'export const s = 1\n', 'src/jobs/bad.ts': "export { s } from '../runtime/srv.ts'\n" },
      'runtime-only-from-sim-cli-infra',
    ],
    [
      'a domain service importing the web console',
      { 'src/web/w.ts': 'export const w = 1\n', 'src/domain/x/bad-web.service.ts': "export { w } from '../../web/w.ts'\n" },
      'web-is-an-edge',
    ],
    [
      "one capability importing another capability's folder",
      {
        'src/capabilities/points/points.service.ts': 'export const earn = () => 1\n',
        'src/capabilities/tasks/bad.service.ts': "export { earn } from '../points/points.service.ts'\n",
      },
      'capabilities-meet-through-the-kernel',
    ],
    [
      'the kernel importing a capability',
      { 'src/capabilities/tasks/t.ts': 'export const t = 1\n', 'src/kernel/bad.ts': "export { t } from '../capabilities/tasks/t.ts'\n" },
      'kernel-imports-no-capability',
    ],
    [
      'an import cycle',
      {
        'src/domain/a.ts': "import { b } from './b.ts'\nexport const a = () => b\n",
        'src/domain/b.ts': "import { a } from './a.ts'\nexport const b = () => a\n",
      },
      'no-circular',
    ],
  ])('fail on %s', async (_, files, rule) => {
    seed(files)
    const r = await depcruise()
    for (const f of Object.keys(files)) rmSync(path.join(dir, f))
    expect(r.status).not.toBe(0)
    expect(r.out).toContain(rule)
  })

  it('fail on a transaction opened outside db/ and repositories', () => {
    seed({ 'src/domain/x/bad.service.ts': 'export const f = (db: { $transaction(fn: () => void): void }) => db.$transaction(() => undefined)\n' })
    const r = lint()
    rmSync(path.join(dir, 'src/domain/x/bad.service.ts'))
    expect(r.status).not.toBe(0)
    expect(r.out).toMatch(/transaction/i)
    seed({ 'src/domain/x/ok.repo.ts': 'export const f = (db: { $transaction(fn: () => void): void }) => db.$transaction(() => undefined)\n' })
    expect(lint().status).toBe(0)
  })
})
