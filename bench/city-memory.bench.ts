// Issue #26: what the processes hold at city size. RSS (from /proc) of gateway processes of 20 accounts each (the
// compiled build, bench/city-gateway.mjs: `--role gateway` with the mock WeChat in process holding its accounts'
// groups and their people) and of a worker (`gridbot start --role worker`, compiled), idle after start and after one
// check-in in EVERY group of the city went through them: the worker's org cache (kernel/org/org-cache.ts: rooms and
// senders, kept per process) then holds every group and one person per group. Baseline, same run: one district under
// a city (its 8 accounts on one gateway) measured the same way.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { importCity } from '../src/app/org-import.ts'
import { benchCity } from './city.ts'
import { benchStores } from './stores.ts'

export interface ProcessRss {
  label: string
  idleMb: number
  afterMb: number
  /** Gateways: accounts and groups served; workers: groups and people in the org cache. */
  accounts?: number
  groups: number
  people?: number
}

export interface CityMemoryFigures {
  districts: number
  groups: number
  accounts: number
  gateways: ProcessRss[]
  workers: ProcessRss[]
  orgSeconds: number
  orgFrom: string
}

const ROOT = path.resolve(import.meta.dirname, '..')
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function waitLine(child: ChildProcess, pred: (l: Record<string, unknown>) => boolean, ms = 1_200_000): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timed out')), ms)
    createInterface({ input: child.stdout! }).on('line', (raw) => {
      let l: Record<string, unknown>
      try {
        l = JSON.parse(raw)
      } catch {
        return
      }
      if (pred(l)) {
        clearTimeout(t)
        resolve(l)
      }
    })
    child.once('exit', (c) => reject(new Error(`exited ${c}`)))
  })
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return
  child.kill('SIGTERM')
  await new Promise((r) => child.once('exit', r))
}

export function buildOnce(): void {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--if-stale'], { stdio: 'inherit' })
  if (build.status !== 0) throw new Error('build failed')
}

async function loadOrg(
  stores: Awaited<ReturnType<typeof benchStores>>,
  districts: number,
): Promise<{ spec: ReturnType<typeof benchCity>['world']; from: string }> {
  const prisma = stores.db.prisma
  const { source, world: spec } = benchCity(districts)
  const dump = process.env.BENCH_ORG_DUMP
  if (dump) {
    // A plain pg_dump of a database holding this very city (e.g. taken from bench/city-notice.bench.ts's stores):
    // minutes of import saved on a loaded machine.
    await prisma.$executeRawUnsafe('DROP SCHEMA public CASCADE')
    await prisma.$executeRawUnsafe('CREATE SCHEMA public')
    const r = spawnSync('psql', [stores.dbUrl, '-q', '-v', 'ON_ERROR_STOP=0', '-f', dump], { stdio: ['ignore', 'ignore', 'inherit'] })
    if (r.status !== 0) throw new Error('restore failed')
  } else await importCity(prisma, source)
  // Every group bound as the mock names it (SimWorld: sim-room-<n>@chatroom by the flattened spec's order), in one statement.
  const values = spec.rooms.map((r, i) => `(${sqlText(r.topic)}, 'sim-room-${i + 1}@chatroom')`).join(',')
  await prisma.$executeRawUnsafe(
    `UPDATE "Room" r SET "wxRoomId" = v.id, "boundAt" = now() FROM (VALUES ${values}) v(topic, id) WHERE r.topic = v.topic AND r."wxRoomId" IS DISTINCT FROM v.id`,
  )
  return { spec, from: dump ? 'a pg_dump of the same generated city, restored' : 'importCity' }
}

const sqlText = (s: string) => `'${s.replaceAll("'", "''")}'`

async function rssAround(child: ChildProcess, command: string, done: (l: Record<string, unknown>) => boolean) {
  const idleMb = rssMb(child.pid!)
  const line = waitLine(child, done)
  child.stdin!.write(`${command}\n`)
  const l = await line
  await sleep(2_000)
  return { idleMb, afterMb: rssMb(child.pid!), line: l }
}

// Long because it is one run told in order (stores, org, processes, readings); split, the child processes would be
// passed between the pieces.
export async function benchCityMemory(o: { districts: number; perGateway: number }): Promise<CityMemoryFigures> {
  const stores = await benchStores(10)
  const children: ChildProcess[] = []
  try {
    const prisma = stores.db.prisma
    const i0 = performance.now()
    const { spec, from } = await loadOrg(stores, o.districts)
    const orgSeconds = (performance.now() - i0) / 1000
    const worldFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'city-mem-')), 'world.json')
    writeFileSync(worldFile, JSON.stringify(spec))
    const env = {
      ...process.env,
      GRIDBOT_NO_DOTENV: '1',
      DATABASE_URL: stores.dbUrl,
      REDIS_URL: stores.infra.redisUrl,
      GRIDBOT_QUEUE_PREFIX: 'bench-city-mem',
      GRIDBOT_AUTO_MIGRATE: 'false',
      GRIDBOT_RATE_LIMIT_PER_MINUTE: '0',
      GRIDBOT_HTTP_PORT: '0',
      LOG_LEVEL: 'info',
      BENCH_WORLD: worldFile,
    }
    const ids = spec.accounts.map((a) => a.id)
    const lastDistrict = spec.members.length ? (await prisma.unit.findMany({ where: { kind: 'district' }, orderBy: { id: 'desc' }, take: 1 }))[0]! : null
    const cityName = (await prisma.unit.findFirstOrThrow({ where: { kind: 'city' } })).name
    // Gateways: the city's first 20 accounts; baseline: the last district's own accounts (no account in both).
    const baseAccounts = ids.filter((a) => a.startsWith(`bot-d${String(o.districts).padStart(2, '0')}-`))
    const gatewaySets = [
      { label: `gateway: ${o.perGateway} accounts of the city`, accounts: ids.filter((a) => !baseAccounts.includes(a)).slice(0, o.perGateway) },
      { label: `baseline gateway: one district's ${baseAccounts.length} accounts`, accounts: baseAccounts },
    ]
    const gateways = gatewaySets.map((g) => {
      const c = spawn(process.execPath, [path.join(ROOT, 'bench/city-gateway.mjs')], {
        env: { ...env, GRIDBOT_ACCOUNTS: g.accounts.join(',') },
        stdio: ['pipe', 'pipe', 'inherit'],
      })
      children.push(c)
      return c
    })
    const workerSets = [
      { label: 'worker: the whole city in its org cache', unit: cityName },
      { label: 'baseline worker: one district in its org cache', unit: lastDistrict?.name ?? cityName },
    ]
    const workers = workerSets.map(() => {
      const c = spawn(process.execPath, [path.join(ROOT, 'bench/city-worker.mjs')], { env, stdio: ['pipe', 'pipe', 'inherit'] })
      children.push(c)
      return c
    })
    const shapes = await Promise.all(gateways.map((g) => waitLine(g, (l) => l.ready === true)))
    await Promise.all(workers.map((w) => waitLine(w, (l) => l.ready === true)))
    await sleep(5_000) // start-up garbage collected
    const gatewayRss: ProcessRss[] = gateways.map((g, i) => ({
      label: gatewaySets[i]!.label,
      idleMb: rssMb(g.pid!),
      afterMb: Number.NaN,
      accounts: Number(shapes[i]!.accounts),
      groups: Number(shapes[i]!.rooms),
    }))
    const workerRss: ProcessRss[] = []
    for (const [i, w] of workers.entries()) {
      const r = await rssAround(w, `fill ${workerSets[i]!.unit}`, (l) => typeof l.rooms === 'number')
      workerRss.push({ label: workerSets[i]!.label, idleMb: r.idleMb, afterMb: r.afterMb, groups: Number(r.line.rooms), people: Number(r.line.members) })
    }
    for (const [i, g] of gateways.entries()) gatewayRss[i]!.afterMb = rssMb(g.pid!)
    return { districts: o.districts, groups: spec.rooms.length, accounts: ids.length, gateways: gatewayRss, workers: workerRss, orgSeconds, orgFrom: from }
  } finally {
    for (const c of children) await stop(c)
    await stores.stop()
  }
}
