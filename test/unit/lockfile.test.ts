import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error plain ESM script without types
import { danglingOptionals } from '../../scripts/prune-lock.mjs'

describe('package-lock.json', () => {
  it('has no optional dependency without an entry (else `npm ci` refuses it): run `npm run lock:prune`', () => {
    const lock = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package-lock.json'), 'utf8'))
    expect(danglingOptionals(lock)).toEqual([])
  })
})
