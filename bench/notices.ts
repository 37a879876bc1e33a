// Runs the notice benchmark alone and puts its section into BENCHMARKS.md (BENCH_NOTICE_PACE messages/s per account).
import { machine } from './stores.ts'
import { spliceSection } from './hazard-duplicates.bench.ts'
import { benchNotices, noticeSection } from './notices.bench.ts'

const f = await benchNotices({ perSec: Number(process.env.BENCH_NOTICE_PACE ?? 0.5) })
console.log(f)
spliceSection(
  'BENCHMARKS.md',
  `${noticeSection(f)}\n_Run alone on ${new Date().toISOString()}, ${machine()}._\n`,
  '## Notices: an urgent notice to the whole district',
)
process.exit(0)
