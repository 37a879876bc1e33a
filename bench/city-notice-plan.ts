// The plan of a city-wide urgent notice (issue #26), computed alone: the fan-out planner (src/capabilities/notices/
// planner.ts, pure) over the generated city's groups and accounts at 0.5 message/s, against the 3-minute SLA. What the
// plan reply says before anything is sent; bench/city-notice.bench.ts measures the completion on the mock.
// `node bin/run-ts.js bench/city-notice-plan.ts` prints it.
import { planFanOut, slaVerdict } from '../src/capabilities/notices/planner.ts'
import { benchCity } from './city.ts'

const perSec = Number(process.env.BENCH_NOTICE_PACE ?? 0.5)
const pace = { messagesPerSec: perSec, jitterMs: 300 }
for (const districts of [10, 1]) {
  const { world } = benchCity(districts)
  const rooms = world.rooms.slice(1).map((r, i) => ({ roomId: i + 1, candidates: [r.account ?? world.accounts[0]!.id] }))
  const accounts = world.accounts.map((a) => ({ id: a.id, ...pace }))
  const plan = planFanOut(rooms, accounts)
  const v = slaVerdict(plan, rooms.length, 180_000, pace)
  const posts = plan.accounts.map((a) => a.rooms)
  console.log(
    JSON.stringify({
      districts,
      groups: rooms.length,
      accounts: accounts.length,
      postsMax: Math.max(...posts),
      postsMin: Math.min(...posts),
      estimateS: plan.estimateMs / 1000,
      shortfallS: v.shortfallMs / 1000,
      accountsNeeded: v.accountsNeeded,
      meets: v.meets,
    }),
  )
}
