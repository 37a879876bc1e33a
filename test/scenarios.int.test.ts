// Every conversation script in test/scenarios runs end to end: mock WeChat → queues → PostgreSQL → replies.
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadScript, runScript } from '../src/sim/script.ts'
import { loadSimOrg } from '../src/config/city-file.ts'
import { testSim, DEMO_ORG } from './helpers/sim.ts'

const dir = path.resolve(import.meta.dirname, 'scenarios')
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.startsWith('_'))

describe('conversation scripts', () => {
  for (const file of files) {
    it(file, async () => {
      const { script, dir: base } = await loadScript(path.join(dir, file))
      const orgFile = script.org
      // A city file (issue #26) runs as the city with its districts; any other org file as one district.
      const org = await loadSimOrg(orgFile ? path.resolve(base, orgFile) : DEMO_ORG)
      const sim = await testSim({ ...org, start: script.start ? new Date(script.start) : undefined })
      try {
        const result = await runScript(sim, script, base)
        expect(result.failures.map((f) => `step ${f.step}: ${f.message}`)).toEqual([])
        expect(result.transcript.length).toBeGreaterThan(0)
      } finally {
        await sim.close()
      }
    })
  }
})
