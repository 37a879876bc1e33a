// The pipeline section of BENCHMARKS.md and its rows of the one-screen summary (bench/run.ts), with the CPU each
// check-in costs and what that bounds: on a machine of `cores` cores shared by gridbot, Redis and PostgreSQL, the
// pipeline's rate is at most cores ÷ (CPU per check-in of all three), whatever the code does.
import os from 'node:os'
import type { PipelineFigures } from './checkin-pipeline.bench.ts'
import type { CeilingFigures } from './pg-ceiling.bench.ts'

export type Row = [string, string, string, string, string]
export interface PipelineRun {
  g: PipelineFigures
  gf: PipelineFigures
  gs: PipelineFigures
  e: PipelineFigures
  ceiling: CeilingFigures
  opts: { burst: number; rate: number; seconds: number }
  started: string
  load: { before: string; after: string }
  previous: { date: string; gridbot: number; echo: number } | null
}

const ms = (n: number) => `${n.toFixed(1)} ms`
const ms2 = (n: number) => `${n.toFixed(2)} ms`

/** CPU per check-in of the one-process run and the bounds it gives (null when it was not measured). */
export function cpuBound(g: PipelineFigures, ceiling: CeilingFigures, cores = os.cpus().length) {
  const c = g.cpuMsPerCheckin
  if (!c) return null
  const total = c.node + c.workers + c.redis + c.postgres
  const rate = (cores * 1000) / total
  return {
    total,
    cores,
    rate,
    /** The most the ratio to this run's ceiling can be: the CPU-bound rate over the ceiling measured. */
    ofCeiling: rate / ceiling.checkinsPerSecond,
    /** PostgreSQL's share of the pipeline's CPU: the ratio's bound if the ceiling is PostgreSQL alone on all cores. */
    postgresShare: c.postgres / total,
    /** Cores the ceiling kept busy (its server + its client): under `cores`, it waited on commits, not on the CPU. */
    ceilingCores: (ceiling.checkinsPerSecond * (ceiling.cpuMsPerCheckin.postgres + ceiling.cpuMsPerCheckin.client)) / 1000,
    /** The pipeline's CPU per check-in (ms) at which the CPU bound reaches 0.6 of this ceiling. */
    forTarget: (cores * 1000) / (0.6 * ceiling.checkinsPerSecond),
  }
}

const cpuCells = (f: PipelineFigures) =>
  f.cpuMsPerCheckin ? `${ms2(f.cpuMsPerCheckin.node + f.cpuMsPerCheckin.workers)} / ${ms2(f.cpuMsPerCheckin.redis)} / ${ms2(f.cpuMsPerCheckin.postgres)}` : '?'

export function pipelineRows(r: PipelineRun): Row[] {
  const { g, e, ceiling } = r
  const b = cpuBound(g, ceiling)
  const c = ceiling.cpuMsPerCheckin
  return [
    [
      'check-ins/s, burst, one process',
      `${g.throughput.perSecond.toFixed(0)}`,
      `PostgreSQL ceiling ${ceiling.checkinsPerSecond.toFixed(0)}`,
      (g.throughput.perSecond / ceiling.checkinsPerSecond).toFixed(2),
      '≥ 0.6',
    ],
    [
      'CPU per check-in, burst: gridbot+mock / redis / postgres',
      `${cpuCells(g)}${b ? ` = ${ms2(b.total)}` : ''}`,
      `ceiling: postgres ${ms2(c.postgres)} + client ${ms2(c.client)}`,
      '',
      '',
    ],
    [
      `CPU bound: ${b?.cores ?? '?'} cores ÷ CPU per check-in, of the ceiling`,
      b ? `≤ ${b.rate.toFixed(0)}/s = ≤ ${b.ofCeiling.toFixed(2)}` : '?',
      b ? `postgres share of the CPU ${b.postgresShare.toFixed(2)}` : '',
      '',
      '≥ 0.6',
    ],
    [
      'check-ins/s, burst, one process',
      `${g.throughput.perSecond.toFixed(0)}`,
      `echo bot ${e.throughput.perSecond.toFixed(0)}`,
      (g.throughput.perSecond / e.throughput.perSecond).toFixed(3),
      '',
    ],
    ['p99 at 100/s offered', ms(g.latency.p99), `echo bot ${ms(e.latency.p99)}`, `${(g.latency.p99 / e.latency.p99).toFixed(1)}×`, '≤ 30 ms'],
    ['Redis commands per check-in', `${g.redisPerCheckin ?? '?'}`, '', '', '≤ 30'],
  ]
}

function cpuParagraph(r: PipelineRun): string {
  const b = cpuBound(r.g, r.ceiling)
  if (!b) return 'CPU per check-in was not measured in this run.'
  const c = r.g.cpuMsPerCheckin!
  const k = r.ceiling.cpuMsPerCheckin
  return `**CPU per check-in, and the bound it sets** (over the one-process burst; bench/burst-costs.ts reads /proc):
gridbot ${ms2(c.node)} (this process, the mock WeChat included), redis-server ${ms2(c.redis)}, the PostgreSQL server
${ms2(c.postgres)}: ${ms2(b.total)} of CPU per check-in. On ${b.cores} cores the pipeline cannot exceed ${b.cores} × 1000 ÷ ${b.total.toFixed(2)}
= **${b.rate.toFixed(0)}/s**, which is **${b.ofCeiling.toFixed(2)} of this run's ceiling** (${r.ceiling.checkinsPerSecond.toFixed(0)}/s), whatever the
code does, unless the CPU per check-in falls. PostgreSQL's share of the pipeline's CPU is ${b.postgresShare.toFixed(2)}. The ceiling spent ${ms2(k.postgres)} of PostgreSQL CPU and ${ms2(k.client)}
of its client's per check-in, keeping ${b.ceilingCores.toFixed(2)} of the ${b.cores} cores busy${b.ceilingCores < b.cores * 0.8 ? ' (it waits on commits more than on the CPU)' : ''}. For issue #27's ≥ 0.6 of this
ceiling the pipeline's whole CPU per check-in has to fall to ${ms2(b.forTarget)} or less (now ${ms2(b.total)}; Redis and PostgreSQL alone
take ${ms2(c.redis + c.postgres)} of it, so gridbot's part would have to fall to ${ms2(Math.max(0, b.forTarget - c.redis - c.postgres))}), or the stores go on other cores.
Gateway + 1 worker process: gateway ${ms2(r.gs.cpuMsPerCheckin?.node ?? NaN)}, worker ${ms2(r.gs.cpuMsPerCheckin?.workers ?? NaN)}, redis ${ms2(r.gs.cpuMsPerCheckin?.redis ?? NaN)}, postgres ${ms2(r.gs.cpuMsPerCheckin?.postgres ?? NaN)} per check-in.`
}

export function pipelineSection(r: PipelineRun): string {
  const { g, gf, gs, e, ceiling, opts, previous } = r
  const ofCeiling = g.throughput.perSecond / ceiling.checkinsPerSecond
  const b = cpuBound(g, ceiling)
  return `## Check-ins through the whole pipeline (issues #2, #6, #7)

Pipeline measured: ${r.started} (load average ${r.load.before} before, ${r.load.after} after: the machine is shared,
and the echo baseline beside each run is what makes runs comparable).

Path: wechaty-puppet-mock → gateway (Wechaty) → durable inbox (a PostgreSQL row per message, written before the
hand-over) → BullMQ \`inbound-<shard>\` (per-group order across processes) → dispatcher → one PostgreSQL statement
(inbox row marked handled + check-in + the two counts + the reply written to the outbox; check-ins of other groups
arriving meanwhile share it: group commit) → BullMQ
\`outbound-<account>\` → sender → \`room.say\` → outbox row marked sent
→ observed back on the mock. Both stores run on this machine and are reached through their Unix sockets
(\`BENCH_PG_TCP=1\`: PostgreSQL over loopback TCP instead). **Outbound pacing is off for this benchmark** (production sends about 1 message/s
per account; pacing measures WeChat's limit, not ours). Per-member rate limit off. District: 400 grid rooms on
one account, one cadre each, messages round-robin over the cadres.

| | gridbot, one process (\`--role all\`) | gridbot, gateway + 1 worker process | gridbot, one process, PostgreSQL without fsync | plain Wechaty echo bot (baseline, same mock) | ratio one process / echo |
|---|---|---|---|---|---|
| burst of ${opts.burst} check-ins: sustained rate | **${g.throughput.perSecond.toFixed(0)}/s** (${g.throughput.seconds.toFixed(2)} s) | ${gs.throughput.perSecond.toFixed(0)}/s (${gs.throughput.seconds.toFixed(2)} s) | ${gf.throughput.perSecond.toFixed(0)}/s (${gf.throughput.seconds.toFixed(2)} s) | ${e.throughput.perSecond.toFixed(0)}/s (${e.throughput.seconds.toFixed(2)} s) | ${(g.throughput.perSecond / e.throughput.perSecond).toFixed(3)} |
| ${opts.rate}/s offered for ${opts.seconds} s: p50 latency | ${ms(g.latency.p50)} | ${ms(gs.latency.p50)} | ${ms(gf.latency.p50)} | ${ms(e.latency.p50)} | ${(g.latency.p50 / e.latency.p50).toFixed(1)}× |
| p99 latency | **${ms(g.latency.p99)}** | ${ms(gs.latency.p99)} | ${ms(gf.latency.p99)} | ${ms(e.latency.p99)} | ${(g.latency.p99 / e.latency.p99).toFixed(1)}× |
| max latency | ${ms(g.latency.max)} | ${ms(gs.latency.max)} | ${ms(gf.latency.max)} | ${ms(e.latency.max)} | |
| Redis commands per check-in (burst; Lua's inner commands included) | ${g.redisPerCheckin} | ${gs.redisPerCheckin} | ${gf.redisPerCheckin} | | |
| CPU per check-in (burst): gridbot (+ worker) / redis / postgres | ${cpuCells(g)} | ${cpuCells(gs)} | ${cpuCells(gf)} | | |
| ratio to the PostgreSQL ceiling (the check-in statement alone, ${ceiling.checkinsPerSecond.toFixed(0)}/s in this run) | **${ofCeiling.toFixed(2)}** (CPU bound ≤ ${b ? b.ofCeiling.toFixed(2) : '?'}; target ≥ 0.6) | ${(gs.throughput.perSecond / ceiling.checkinsPerSecond).toFixed(2)} | | | |
| replies received | ${g.latency.messages} / ${opts.rate * opts.seconds} | ${gs.latency.messages} / ${opts.rate * opts.seconds} | ${gf.latency.messages} / ${opts.rate * opts.seconds} | ${e.latency.messages} / ${opts.rate * opts.seconds} | |

${cpuParagraph(r)}

Before and after: ${
    previous
      ? `the run before this one (${previous.date}) measured ${previous.gridbot}/s beside an echo baseline of ${previous.echo}/s, a ratio of ${(previous.gridbot / previous.echo).toFixed(3)}; this run's ratio is ${(g.throughput.perSecond / e.throughput.perSecond).toFixed(3)} with production durability and ${(gf.throughput.perSecond / e.throughput.perSecond).toFixed(3)} without fsync. Absolute figures move with the machine's load; the ratio to the baseline measured in the same run is what compares.`
      : 'no earlier BENCHMARKS.md to compare with.'
  }

On this 2-core machine the PostgreSQL server, Redis and the mock WeChat share the cores with gridbot, so a second
process adds little here; on real deployments workers go on their own machines.

Targets: issue #2 ≥ 500 check-ins/s sustained — ${g.throughput.perSecond >= 500 ? 'met' : '**not met**'}, p99 ≤ 100 ms at 100/s offered — ${g.latency.p99 <= 100 ? 'met' : '**not met**'}; issue #7 (through the durable inbox, production durability) ≥ 1,000/s sustained — ${g.throughput.perSecond >= 1000 ? 'met' : '**not met**'}, p99 ≤ 50 ms at 100/s — ${g.latency.p99 <= 50 ? 'met' : '**not met**'}; issue #27 ≥ 0.6 of the ceiling — ${ofCeiling >= 0.6 ? 'met' : `**not met** (${ofCeiling.toFixed(2)}; the CPU bound above is ${b ? b.ofCeiling.toFixed(2) : '?'})`}.
`
}

/** The figures of the run before this one, from the BENCHMARKS.md it wrote: the "before" beside this run's "after". */
export function previousPipeline(text: string): PipelineRun['previous'] {
  const row = (label: string) => text.split('\n').find((l) => l.includes(label)) ?? ''
  // Cells: label | one process | gateway + worker | without fsync | echo | ratio.
  const cells = row('sustained rate')
    .split('|')
    .map((c) => /(\d+)\/s/.exec(c)?.[1])
  const rate = cells[2] && cells[5] ? [cells[2], cells[5]] : null
  const date = /Pipeline measured: (\S+)/.exec(text)?.[1] ?? /- Date: (\S+)/.exec(text)?.[1]
  return rate && date ? { date, gridbot: Number(rate[0]), echo: Number(rate[1]) } : null
}
