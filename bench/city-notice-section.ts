// The city-wide notice's section of BENCHMARKS.md (issue #26), from bench/city-notice.bench.ts's figures.
import type { CityNoticeFigures } from './city-notice.bench.ts'

export const CITY_NOTICE_HEADER = '## Notices: a city-wide urgent notice on 80 accounts (issue #26)'

const s = (n: number) => `${n.toFixed(1)} s`
const ms = (n: number) => `${n.toFixed(0)} ms`
const met = (ok: boolean) => (ok ? 'met' : '**not met**')

export function cityNoticeSection(city: CityNoticeFigures, base: CityNoticeFigures | null, note: string): string {
  const col = (f: (x: CityNoticeFigures) => string) => `| ${f(city)} | ${base ? f(base) : 'not run'} |`
  return `${CITY_NOTICE_HEADER}

The generated city (\`gridbot org generate --districts ${city.districts}\`: ${city.groups.toLocaleString('en')} groups besides the city's own,
${city.accounts} bot accounts; bench/city.ts prefixes each district's group names with the district, as the mock keys groups
by name), a 团市委 supervisor's \`#通知 紧急 …\` in the city group to every group of every district. Each account is paced
at **${city.perSec} message/s** (BullMQ limiter) plus up to ${city.jitterMs} ms jitter, on wechaty-puppet-mock in **real time** (the
limiter waits on the wall clock), one process (\`--role all\`) on PostgreSQL + Redis with production durability. Each
group's cadre answers 收到 3 s after the notice lands there, through the whole pipeline while the fan-out goes on.
Baseline, same run: one district under a city (${base ? base.groups.toLocaleString('en') : '—'} groups on its ${base?.accounts ?? '—'} accounts: about as many
posts per account as the city's).

| | city: ${city.districts} districts, ${city.accounts} accounts | baseline: 1 district, ${base?.accounts ?? '—'} accounts |
|---|---|---|
| **the plan** (notice.plan, what the plan reply says) | | |
| posts per account (most / fewest) ${col((f) => `${f.plan.postsMax} / ${f.plan.postsMin}`)}
| planner's estimate of the last landing ${col((f) => `**${s(f.plan.estimateS)}**`)}
| SLA of an urgent notice / shortfall ${col((f) => `${s(f.plan.slaS)} / ${s(f.plan.shortfallS)}`)}
| accounts the plan says are needed at this pace ${col((f) => `${f.plan.accountsNeeded}`)}
| plan reply in the sender's group, after ${col((f) => s(f.planReplyS))}
| **the completion** (observed on the mock) | | |
| groups reached; deliveries marked sent ${col((f) => `${f.reached.toLocaleString('en')} / ${f.groups.toLocaleString('en')}; ${f.sentMarked.toLocaleString('en')}`)}
| the last group reached, from the \`#通知\` ${col((f) => `**${s(f.completionS)}**`)}
| the limiter's floor: (most posts on one account − 1) ÷ pace ${col((f) => s(f.floorS))}
| completion against the planner's estimate ${col((f) => `${((f.completionS / f.plan.estimateS - 1) * 100).toFixed(1)} %`)}
| posts per account landed (most / fewest) ${col((f) => `${f.perAccount.postsMax} / ${f.perAccount.postsMin}`)}
| each account's last post (earliest / latest) ${col((f) => `${s(f.perAccount.lastMinS)} / ${s(f.perAccount.lastMaxS)}`)}
| smallest gap between two posts of one account (pace kept if ≥ ~${(1 / city.perSec - 0.3).toFixed(1)} s) ${col((f) => `${f.perAccount.minGapS.toFixed(2)} s`)}
| **the acknowledgements** (收到, 3 s after each landing) | | |
| said / recorded / groups acknowledged ${col((f) => `${f.acks.said.toLocaleString('en')} / ${f.acks.recorded.toLocaleString('en')} / ${f.acks.acknowledgedGroups.toLocaleString('en')}`)}
| latency p50 / p99 / max (said on the mock → inbox row handled, with the acknowledgement) ${col((f) => `${ms(f.acks.p50)} / ${ms(f.acks.p99)} / ${ms(f.acks.max)}`)}
| last acknowledgement recorded, from the \`#通知\` ${col((f) => s(f.acks.lastS))}
| set-up: all / the org import / the app's start / binding and the mock's groups ${col((f) => `${s(f.setupS)} / ${s(f.setup.importS)} / ${s(f.setup.startS)} / ${s(f.setup.populateS)}`)}
| 1-minute load average at the \`#通知\` / at the end ${col((f) => `${f.load.start.toFixed(1)} / ${f.load.end.toFixed(1)}`)}

Targets: every group reached — ${met(city.reached === city.groups)}; every answer recorded — ${met(city.acks.recorded === city.acks.said && city.acks.acknowledgedGroups === city.groups)};
the last group within the 3-minute SLA — ${met(city.completionS <= 180)}: ${city.groups.toLocaleString('en')} groups on ${city.accounts} accounts at ${city.perSec}/s are
${Math.ceil(city.groups / city.accounts)} posts an account, ${s((Math.ceil(city.groups / city.accounts) - 1) / city.perSec)} at the least, and the plan reply says so at once
(its estimate ${s(city.plan.estimateS)}, ${city.plan.accountsNeeded} accounts needed at this pace). The SLA is met by more accounts (or a faster
pace per account), not by gridbot: the plan reply in the city group read

\`\`\`
${city.plan.reply}
\`\`\`
${note}`
}
