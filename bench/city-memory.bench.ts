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
import { systemClock } from '../src/core/clock.ts'
import { createLogger } from '../src/core/logger.ts'
import { importCity } from '../src/app/org-import.ts'
import { SimWorld } from '../src/sim/world.ts'
import { benchCity } from './city.ts'
import { benchStores } from './stores.ts'

export interface CityMemoryFigures {
  districts: number
  groups: number
  accounts: number
  gateways: { accounts: number; groups: number; idleMb: number; afterMb: number }[]
  worker: { idleMb: number; afterMb: number }
  burst: number
  handled: number
  burstSeconds: number
  importSeconds: number
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

// Long because it is one run told in order (stores, import, binding, processes, burst, readings); split, the child
// processes would be passed between the pieces.
export async function benchCityMemory(o: { districts: number; perGateway: number }): Promise<CityMemoryFigures> {
  const stores = await benchStores(10)
  const children: ChildProcess[] = []
  try {
    const prisma = stores.db.prisma
    const { source, world: spec } = benchCity(o.districts)
    const i0 = performance.now()
    await importCity(prisma, source)
    const importSeconds = (performance.now() - i0) / 1000
    // Bind every group as the mock names it (no account registered: populate only binds).
    await new SimWorld(spec, systemClock, createLogger('silent'), '/tmp/gridbot-bench-media').populate(prisma)
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
    const gateways: ChildProcess[] = []
    for (let i = 0; i < ids.length; i += o.perGateway) {
      const accounts = ids.slice(i, i + o.perGateway).join(',')
      const g = spawn(process.execPath, [path.join(ROOT, 'bench/city-gateway.mjs')], {
        env: { ...env, GRIDBOT_ACCOUNTS: accounts },
        stdio: ['pipe', 'pipe', 'inherit'],
      })
      children.push(g)
      gateways.push(g)
    }
    const ready = gateways.map((g) => waitLine(g, (l) => l.ready === true))
    const worker = spawn(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'start', '--role', 'worker'], { env, stdio: ['ignore', 'pipe', 'inherit'] })
    children.push(worker)
    const shapes = await Promise.all(ready)
    await waitLine(worker, (l) => l.msg === 'ready to serve')
    await sleep(5_000) // start-up garbage collected
    const idle = gateways.map((g) => rssMb(g.pid!))
    const workerIdle = rssMb(worker.pid!)
    const handled = () => prisma.inboxMessage.count({ where: { handledAt: { not: null } } })
    const before = await handled()
    const t0 = performance.now()
    const sent = await Promise.all(
      gateways.map((g) => {
        const s = waitLine(g, (l) => typeof l.sent === 'number')
        g.stdin!.write('burst\n')
        return s
      }),
    )
    const burst = sent.reduce((n, l) => n + Number(l.sent), 0)
    let done = 0
    while ((done = (await handled()) - before) < burst && performance.now() - t0 < 1_200_000) await sleep(1000)
    const burstSeconds = (performance.now() - t0) / 1000
    await sleep(2_000)
    return {
      districts: o.districts,
      groups: spec.rooms.length,
      accounts: ids.length,
      gateways: gateways.map((g, i) => ({ accounts: Number(shapes[i]!.accounts), groups: Number(shapes[i]!.rooms), idleMb: idle[i]!, afterMb: rssMb(g.pid!) })),
      worker: { idleMb: workerIdle, afterMb: rssMb(worker.pid!) },
      burst,
      handled: done,
      burstSeconds,
      importSeconds,
    }
  } finally {
    for (const c of children) await stop(c)
    await stores.stop()
  }
}
