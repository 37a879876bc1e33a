// Issue #27: the embedded default as a user starts it — `npm start` (`gridbot sim --web`: PGlite in-process, a private
// redis-server) on a fresh data folder. Measures the time from the command to the first check-in's answer, then sends
// check-ins through the simulator's shell (its stdin) and samples the RSS of the Node process (and, apart, of its
// redis-server) until all are answered. Run for the demo district and for the generated district (1,159 groups).
// Usage alone: node bin/run-ts.js bench/embedded.ts   (BENCH_CHECKINS=1000 BENCH_ORG=demo|district)
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'

const HERE = path.resolve(import.meta.dirname, '..')
/** BENCH_BASE_ROOT: a checkout of an earlier commit (node_modules linked in), measured the same way as "before". */

export interface EmbeddedFigures {
  org: 'demo' | 'district'
  checkins: number
  firstAnswerSeconds: number
  answered: number
  idleMb: number
  peakMb: number
  afterMb: number
  redisMb: number
  burstSeconds: number
}

const rssMb = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
  } catch {
    return 0
  }
}

/** The redis-server the process started (its child). */
function childRedisPid(pid: number): number | null {
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8')
      const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]
      if (ppid === String(pid) && readFileSync(`/proc/${d}/cmdline`, 'utf8').includes('redis-server')) return Number(d)
    } catch {
      // gone meanwhile
    }
  }
  return null
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function benchEmbedded(o: { org: 'demo' | 'district'; checkins: number; root?: string }): Promise<EmbeddedFigures> {
  const ROOT = o.root ?? HERE
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-embedded-'))
  // What \`npm start\` runs (package.json "start"), with the web console on a free port.
  const start = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start as string
  const nodeFlags = start.split(' ').filter((a) => a.startsWith('--') && a !== '--web')
  const args = [...nodeFlags, path.join(ROOT, 'bin/gridbot.js'), 'sim', '--web', '0']
  if (o.org === 'district') {
    const { generateDistrict } = await import('../src/config/org-generate.ts')
    const { default: YAML } = await import('yaml')
    const file = path.join(dir, 'district.yaml')
    writeFileSync(file, YAML.stringify(generateDistrict({ towns: 15, communities: 109, grids: 1034 })))
    args.push('--org', file)
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GRIDBOT_NO_DOTENV: '1',
    GRIDBOT_DATA_DIR: path.join(dir, 'data'),
    GRIDBOT_RATE_LIMIT_PER_MINUTE: '0',
  }
  delete env.DATABASE_URL
  delete env.REDIS_URL
  const t0 = performance.now()
  const child = spawn(process.execPath, args, { env, cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] })
  let answered = 0
  let firstAt = 0
  let peak = 0
  createInterface({ input: child.stdout! }).on('line', (l) => {
    if (l.includes('签到成功')) {
      answered++
      if (!firstAt) firstAt = performance.now()
    }
  })
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(child.pid!))), 100)
  try {
    // The shell starts in the first grid's group as its cadre: type a check-in at once and wait for its answer.
    child.stdin!.write('#签到 走访 3户\n')
    while (!firstAt && child.exitCode === null && performance.now() - t0 < 300_000) await sleep(50)
    if (!firstAt) throw new Error('no answer to the first check-in')
    const firstAnswerSeconds = (firstAt - t0) / 1000
    await sleep(5_000) // start-up garbage collected
    const idleMb = rssMb(child.pid!)
    const tb = performance.now()
    for (let i = 0; i < o.checkins; i++) child.stdin!.write(`#签到 走访 ${(i % 9) + 1}户\n`)
    while (answered < o.checkins + 1 && performance.now() - tb < 600_000) await sleep(100)
    const burstSeconds = (performance.now() - tb) / 1000
    await sleep(3_000)
    const redisPid = childRedisPid(child.pid!)
    return {
      org: o.org,
      checkins: o.checkins,
      firstAnswerSeconds,
      answered: answered - 1,
      idleMb,
      peakMb: Math.max(peak, rssMb(child.pid!)),
      afterMb: rssMb(child.pid!),
      redisMb: redisPid ? rssMb(redisPid) : 0,
      burstSeconds,
    }
  } finally {
    clearInterval(sampler)
    child.stdin!.end('/quit\n')
    child.kill('SIGTERM')
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)))
    rmSync(dir, { recursive: true, force: true })
  }
}

export function embeddedSection(fs: EmbeddedFigures[], load: string): string {
  const row = (f: EmbeddedFigures) =>
    `| ${f.org === 'demo' ? 'demo district (7 groups)' : 'generated district (1,159 groups)'} | ${f.firstAnswerSeconds.toFixed(1)} s | ${f.idleMb.toFixed(0)} MB | **${f.peakMb.toFixed(0)} MB** | ${f.afterMb.toFixed(0)} MB | ${f.answered} / ${f.checkins} in ${f.burstSeconds.toFixed(0)} s | ${f.redisMb.toFixed(0)} MB |`
  return `## The embedded default: \`npm start\` (issue #27)

\`npm start\` on a fresh data folder (PGlite in-process, a private redis-server), then 1,000 check-ins typed into the
simulator's shell one after another (bench/embedded.bench.ts). "First answer": from the command to the answer to the
first check-in. RSS of the Node process from /proc, sampled every 100 ms ("peak"); redis-server's apart.

| district | first answer | RSS idle after start | peak RSS | RSS after | check-ins | redis-server RSS |
|---|---|---|---|---|---|---|
${fs.map(row).join('\n')}

_Load average at the end of this run: ${load} (2 cores)._`
}
