// A local 3-master Redis Cluster on loopback for the `cluster` project (started like the single Redis of
// services.ts, stopped after): its URL-like form and its nodes are provided to the tests.
import type { TestProject } from 'vitest/node'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startRedisCluster } from '../../src/runtime/redis-cluster.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    clusterUrl: string
  }
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gridbot-test-cluster-'))
  const cluster = await startRedisCluster({ dir, masters: 3, say: (l) => console.log(`[test cluster] ${l}`) })
  project.provide('clusterUrl', cluster.url)
  return async () => {
    await cluster.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}
