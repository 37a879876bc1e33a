// The memory-at-city-size section of BENCHMARKS.md (issue #26), from bench/city-memory.bench.ts's figures.
import type { CityMemoryFigures } from './city-memory.bench.ts'

export const CITY_MEMORY_HEADER = '## Processes at city size: a gateway per 20 accounts, a worker with the city in its org cache (issue #26)'

const mb = (x: number) => `${x.toFixed(0)} MB`

export function cityMemorySection(f: CityMemoryFigures, note: string): string {
  const gw = f.gateways.map(
    (g) => `| ${g.label} (${g.groups.toLocaleString('en')} groups) | ${mb(g.idleMb)} | ${mb(g.afterMb)} | ${g.accounts ? mb(g.idleMb / g.accounts) : ''} |`,
  )
  const wk = f.workers.map(
    (w) =>
      `| ${w.label} (${w.groups.toLocaleString('en')} groups, ${(w.people ?? 0).toLocaleString('en')} people) | ${mb(w.idleMb)} | **${mb(w.afterMb)}** | +${mb(w.afterMb - w.idleMb)} |`,
  )
  return `${CITY_MEMORY_HEADER}

RSS (resident memory, from /proc) of the compiled build on PostgreSQL + Redis with the generated city
(\`gridbot org generate --districts ${f.districts}\`: ${f.groups.toLocaleString('en')} groups, ${f.accounts} accounts; org from ${f.orgFrom} in ${f.orgSeconds.toFixed(0)} s), all
processes side by side in one run, baselines beside them:

- **gateway** (bench/city-gateway.mjs: \`startApp({ role: 'gateway' })\` with \`GRIDBOT_ACCOUNTS\`), the mock WeChat **in
  the same process** holding its accounts' groups and, per account, the people of those groups as contacts (a gateway on
  wechaty-puppet-service holds less). Read after every account logged in, then again at the end.
- **worker** (bench/city-worker.mjs: \`startApp({ role: 'worker' })\`, what \`gridbot start --role worker\` runs without its
  HTTP surface), read after start, then after its org cache (src/kernel/org/org-cache.ts) was asked for every bound
  group and every person under the unit — the two lookups the pipeline makes for each message — so it holds them all
  (entries live 30 s but stay until replaced; at most 50,000 of each).

| process | after start | at the end / with the org cache full | per account / the cache's cost |
|---|---|---|---|
${[...gw, ...wk].join('\n')}

Earlier in this session (same machine, load ~30), the one-district baseline through the pipeline instead (one
gateway of 8 accounts, \`gridbot start --role worker\`, one check-in in each of its 1,160 groups, 112 s): gateway 270 MB
after start, 254 MB after; worker 334 MB after start, 306 MB after (garbage of start-up collected meanwhile). The same
through all 11,591 groups of the city was started and stopped: at ~10 check-ins/s on this loaded machine it would have
taken ~20 minutes after a ~16-minute import, past the session's deadline — hence the direct cache fill above.
${note}`
}
