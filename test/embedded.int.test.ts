// The embedded default as users meet it: `gridbot sim --script` with no DATABASE_URL or REDIS_URL starts PGlite
// and its own redis-server, runs the script, prints the transcript, and cleans up.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { HANG_MS } from './helpers/wait.ts'

const root = path.resolve(import.meta.dirname, '..')
const run = (script: string) => {
  const env: NodeJS.ProcessEnv = { ...process.env, GRIDBOT_NO_DOTENV: '1' }
  delete env.DATABASE_URL
  delete env.REDIS_URL
  return spawnSync(process.execPath, [path.join(root, 'bin/gridbot.js'), 'sim', '--script', script], { cwd: root, env, encoding: 'utf8', timeout: HANG_MS })
}

describe('embedded default (PGlite + private redis-server)', () => {
  it('runs a conversation script and prints the transcript as JSON lines', () => {
    const r = run(path.join(root, 'test/scenarios/checkin.yaml'))
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines[0]).toMatchObject({ room: '华府社区5号网格群', from: '李佳鑫', text: expect.stringContaining('#签到'), mentions: [] })
    expect(lines[1]).toMatchObject({ from: '网格助手', mentions: ['李佳鑫'], text: expect.stringContaining('签到成功') })
    expect(lines[1].at).toBe('2026-11-20T01:00:00.000Z')
  })

  it('uses the org file the script names on its own org: line', () => {
    const r = run(path.join(root, 'test/scenarios/guests-and-auth.yaml'))
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    // wxid_fake_li exists only in the script's own org file: with the demo district it would be an unknown person.
    expect(r.stdout).toContain('不是已登记的「李佳鑫」')
  })

  it('exits 1 naming the step whose expectation failed', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'script-'))
    const file = path.join(dir, 'fail.yaml')
    writeFileSync(
      file,
      'steps:\n  - { room: 华府社区5号网格群, from: 李佳鑫, say: "#我的" }\n  - { expect: { room: 华府社区5号网格群, contains: "不会出现的字" } }\n',
    )
    const r = run(file)
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('第 2 步')
  })
})
