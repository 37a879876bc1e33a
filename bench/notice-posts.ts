// Runs the posts-per-notice benchmark alone (issue #23) and puts its section into BENCHMARKS.md.
import { machine } from './stores.ts'
import { spliceSection } from './hazard-duplicates.bench.ts'
import { benchNoticePosts, noticePostsSection } from './notice-posts.bench.ts'

const f = await benchNoticePosts()
console.log(JSON.stringify(f, null, 1))
spliceSection(
  'BENCHMARKS.md',
  `${noticePostsSection(f)}\n_Run alone on ${new Date().toISOString()}, ${machine()}._\n`,
  '## Notices: posts per notice and the status reply at district scale',
)
process.exit(0)
