// The memory-at-city-size section of BENCHMARKS.md (issue #26), from bench/city-memory.bench.ts's figures.
import type { CityMemoryFigures } from './city-memory.bench.ts'

export const CITY_MEMORY_HEADER = '## Processes at city size: a gateway per 20 accounts, a worker with the city in its org cache (issue #26)'

const mb = (x: number) => `${x.toFixed(0)} MB`

export function cityMemorySection(city: CityMemoryFigures, base: CityMemoryFigures | null, note: string): string {
  const rows = (f: CityMemoryFigures, label: string) => [
    ...f.gateways.map(
      (g, i) =>
        `| ${label}: gateway ${i + 1} (${g.accounts} accounts, ${g.groups.toLocaleString('en')} groups) | ${mb(g.idleMb)} | ${mb(g.afterMb)} | ${mb(g.afterMb / g.accounts)} |`,
    ),
    `| ${label}: worker (org cache: ${f.handled.toLocaleString('en')} groups and their senders after the burst) | ${mb(f.worker.idleMb)} | **${mb(f.worker.afterMb)}** | |`,
  ]
  return `${CITY_MEMORY_HEADER}

RSS (resident memory, from /proc) of the compiled build on PostgreSQL + Redis, the generated city
(\`gridbot org generate --districts ${city.districts}\`: ${city.groups.toLocaleString('en')} groups, ${city.accounts} accounts) split over gateway processes of
20 accounts each (bench/city-gateway.mjs: \`--role gateway\`, \`GRIDBOT_ACCOUNTS\` its 20, the mock WeChat **in the same
process** holding its accounts' groups and, per account, the people of those groups as contacts — a gateway on
wechaty-puppet-service holds less) and one worker (\`gridbot start --role worker\`). "After" is after one check-in in
**every** group of the city (${city.burst.toLocaleString('en')}, ${city.handled.toLocaleString('en')} handled in ${city.burstSeconds.toFixed(0)} s) went through them: the worker's org
cache (src/kernel/org/org-cache.ts: bound rooms and senders, 30 s per entry, at most 50,000 each) then holds the whole
city's groups and a sender per group. Baseline, same run: one district under a city (its ${base?.accounts ?? '—'} accounts on one gateway)
measured the same way.

| process | idle after start | after a check-in in every group | per account |
|---|---|---|---|
${[...rows(city, `city (${city.districts} districts)`), ...(base ? rows(base, 'baseline: 1 district') : ['| baseline | not run | | |'])].join('\n')}

Import of the org before the processes start (one transaction, not part of the RSS): city ${city.importSeconds.toFixed(0)} s${base ? `, one district ${base.importSeconds.toFixed(0)} s` : ''}.
${note}`
}
