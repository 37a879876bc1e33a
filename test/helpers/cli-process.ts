// `gridbot` as a child process, the way an operator runs it: its JSON log lines collected as they come, and the port
// its HTTP surface took (GRIDBOT_HTTP_PORT=0 picks a free one and logs it).
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { HANG_MS } from './wait.ts'

export const ROOT = path.resolve(import.meta.dirname, '../..')
/** The compiled build (npm run build; the test runner makes it before the integration project). */
export const COMPILED_CLI = path.join(ROOT, 'dist/cli.js')

export interface CliProcess {
  child: ChildProcess
  /** Every stdout line, parsed when it is JSON (else `{ raw }`). */
  lines: Record<string, unknown>[]
  stderr: () => string
  /** Resolves with the first log line `pred` accepts; rejects when the process exits first, or after `ms` — never
   *  sooner than wait.ts's hang bound (a process starting on a loaded machine can take minutes). */
  waitFor(pred: (l: Record<string, unknown>) => boolean, ms?: number): Promise<Record<string, unknown>>
  exited: Promise<number | null>
}

export function runCli(script: string, args: string[], env: NodeJS.ProcessEnv, cwd = ROOT): CliProcess {
  const child = spawn(process.execPath, [script, ...args], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: Record<string, unknown>[] = []
  let err = ''
  child.stderr!.on('data', (d) => (err += d))
  const waiters: { pred: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] = []
  createInterface({ input: child.stdout! }).on('line', (raw) => {
    let l: Record<string, unknown>
    try {
      l = JSON.parse(raw)
    } catch {
      l = { raw }
    }
    lines.push(l)
    for (const w of [...waiters]) if (w.pred(l)) w.resolve(l)
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return {
    child,
    lines,
    stderr: () => err,
    exited,
    waitFor: (pred, ms = 60_000) =>
      new Promise((resolve, reject) => {
        const seen = lines.find(pred)
        if (seen) return resolve(seen)
        const bound = Math.max(ms, HANG_MS)
        const timer = setTimeout(() => reject(new Error(`no matching log line within ${bound} ms; stderr: ${err}`)), bound)
        waiters.push({
          pred,
          resolve: (l) => {
            clearTimeout(timer)
            resolve(l)
          },
        })
        exited.then((code) => {
          clearTimeout(timer)
          reject(new Error(`process exited (${code}) before the expected log line; stderr: ${err}`))
        })
      }),
  }
}

/** A Prometheus sample's value from /metrics text (0 when absent). `labels` must match exactly as printed. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const want = Object.entries(labels)
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!m || m[1] !== name) continue
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]))
    if (want.every(([k, v]) => have[k] === v)) return Number(m[3])
  }
  return 0
}
