// Alone: the check-in path on a 3-master Redis Cluster beside a single Redis (bench/redis-cluster.bench.ts).
// Run: node bin/run-ts.js bench/redis-cluster.ts (BENCH_BURST, BENCH_SECONDS as for npm run bench).
import { benchRedisCluster, clusterSection } from './redis-cluster.bench.ts'

const f = await benchRedisCluster({ burst: Number(process.env.BENCH_BURST ?? 2000), rate: 100, seconds: Number(process.env.BENCH_SECONDS ?? 10) })
console.log(JSON.stringify(f))
console.log(clusterSection(f))
process.exit(0)
