// Reads a V8 CPU profile (BENCH_CPU_PROFILE from the pipeline benchmark) and prints where the self time went, by
// part (our code, Prisma and the pg driver, BullMQ, ioredis, Wechaty and the mock, logging, Node itself) and by
// function. Usage: node bin/run-ts.js bench/profile-summary.ts <file.cpuprofile> [top]
import { readFileSync } from 'node:fs'

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
const file = process.argv[2]
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]')
const top = Number(process.argv[3] ?? 30)
const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] }
const byId = new Map(prof.nodes.map((n) => [n.id, n]))
const self = new Map<number, number>()
prof.samples.forEach((id, i) => {
  self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0))
})

const PARTS: [string, RegExp][] = [
  ['prisma', /node_modules\/(@prisma|\.prisma)|src\/db\/generated/],
  ['pg driver', /node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-[a-z]+)\//],
  ['bullmq', /node_modules\/bullmq/],
  ['ioredis', /node_modules\/(ioredis|@ioredis|redis-parser|denque|cluster-key-slot)/],
  [
    'wechaty / puppet mock',
    /node_modules\/(wechaty|wechaty-puppet|wechaty-puppet-mock|file-box|brolog|gerror|state-switch|rxjs|clone-class|flash-store|typed-emitter|memory-card|watchdog)/,
  ],
  ['logging (pino)', /node_modules\/(pino|sonic-boom|thread-stream|fast-redact|quick-format)/],
  ['tsx loader', /node_modules\/(tsx|esbuild)/],
  ['prom-client', /node_modules\/prom-client/],
  ['our code (src/)', /\/src\//],
  ['bench harness', /\/bench\//],
  ['other packages', /node_modules/],
  ['node internals', /^node:|^internal\//],
]
const partOf = (n: Node) => {
  const url = n.callFrame.url
  if (!url)
    return n.callFrame.functionName === '(garbage collector)'
      ? 'GC'
      : n.callFrame.functionName === '(idle)'
        ? 'idle'
        : `(native: ${n.callFrame.functionName || 'anonymous'})`
  return PARTS.find(([, re]) => re.test(url))?.[0] ?? 'other'
}
// Native/builtin frames (JSON.parse, Buffer ops …) are charged to the nearest JS caller's part.
const parent = new Map<number, number>()
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const ownerPart = (id: number): string => {
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const n = byId.get(cur)!
    const p = partOf(n)
    if (!p.startsWith('(native') && p !== 'other') return p
    if (p === 'other' && n.callFrame.url) return p
  }
  return partOf(byId.get(id)!)
}
const total = [...self.values()].reduce((a, b) => a + b, 0)
const parts = new Map<string, number>()
const funcs = new Map<string, number>()
for (const [id, t] of self) {
  const n = byId.get(id)!
  const p = ['GC', 'idle', '(native: (program))'].includes(partOf(n)) ? partOf(n) : ownerPart(id)
  parts.set(p, (parts.get(p) ?? 0) + t)
  const f = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\//, '').replace(/.*\/h-[a-z]+\//, '')}:${n.callFrame.lineNumber + 1}`
  funcs.set(f, (funcs.get(f) ?? 0) + t)
}
const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)} %  ${(t / 1000).toFixed(0).padStart(6)} ms`
console.log(`total ${(total / 1e6).toFixed(2)} s sampled`)
for (const [p, t] of [...parts].sort((a, b) => b[1] - a[1])) console.log(`${pct(t)}  ${p}`)
console.log('\ntop functions by self time')
for (const [f, t] of [...funcs].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${f}`)

// Node's own work (socket writes, microtasks …) charged to the first package or file of ours that called it.
const callerParts = new Map<string, number>()
for (const [id, t] of self) {
  const n = byId.get(id)!
  if (partOf(n) !== 'node internals' && !partOf(n).startsWith('(native')) continue
  let cur = parent.get(id)
  let who = 'node internals (no caller)'
  while (cur !== undefined) {
    const p = partOf(byId.get(cur)!)
    if (p !== 'node internals' && !p.startsWith('(native') && p !== 'other') {
      who = p
      break
    }
    cur = parent.get(cur)
  }
  callerParts.set(who, (callerParts.get(who) ?? 0) + t)
}
console.log('\nnode internals and native frames, by the part that called them')
for (const [p, t] of [...callerParts].sort((a, b) => b[1] - a[1])) console.log(`${pct(t)}  ${p}`)
