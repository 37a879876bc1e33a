// The console's pure pieces: escaping, the labels the board shows, codes as typed, CSRF token and origin checks.
import type { IncomingMessage } from 'node:http'
import { describe, expect, it } from 'vitest'
import { normaliseCode } from '../../src/capabilities/console/web-login.service.ts'
import { sameOrigin, sameToken } from '../../src/web/auth/csrf.ts'
import { loopbackHost } from '../../src/web/console.ts'
import { cookies } from '../../src/web/http.ts'
import { html, raw } from '../../src/web/html.ts'
import { ageLabel, levelLabel } from '../../src/web/texts.ts'

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage

describe('web console helpers', () => {
  it('escapes every value put into HTML, except markup it made itself', () => {
    const name = '<img src=x onerror=alert(1)>"王\'&'
    expect(html`<td title="${name}">${name}</td>`.value).toBe(
      '<td title="&lt;img src=x onerror=alert(1)&gt;&quot;王&#39;&amp;">&lt;img src=x onerror=alert(1)&gt;&quot;王&#39;&amp;</td>',
    )
    expect(html`<ul>${['a', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.value).toBe('<ul><li>a</li><li>b</li></ul>')
    expect(html`${raw('<b>')}${null}${undefined}${false}${0}`.value).toBe('<b>0')
  })

  it.each([
    [0, '0分钟'],
    [59_999, '0分钟'],
    [3 * 60_000, '3分钟'],
    [60 * 60_000, '1小时'],
    [125 * 60_000, '2小时5分'],
    [26 * 3600_000, '1天2小时'],
    [48 * 3600_000, '2天'],
    [-5_000, '0分钟'],
  ])('age %i ms → %s', (ms, label) => expect(ageLabel(ms)).toBe(label))

  it('names each escalation level as the board shows it', () => {
    expect([-1, 0, 1, 3].map(levelLabel)).toEqual(['未升级', '本群催办', '上报第1级', '上报第3级'])
  })

  it('reads a code however it was typed', () => {
    expect(normaliseCode(' abcd-ef23 ')).toBe('ABCDEF23')
    expect(normaliseCode('ABCD EF23')).toBe('ABCDEF23')
  })

  it('compares CSRF tokens exactly, and refuses missing ones', () => {
    expect(sameToken('abc', 'abc')).toBe(true)
    expect(sameToken('abc', 'abd')).toBe(false)
    expect(sameToken('abc', 'abcd')).toBe(false)
    expect(sameToken('', '')).toBe(false)
    expect(sameToken(null, 'abc')).toBe(false)
  })

  it('accepts no Origin (same-site navigation) or this host, and refuses any other', () => {
    expect(sameOrigin(req({ host: '127.0.0.1:8080' }))).toBe(true)
    expect(sameOrigin(req({ host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' }))).toBe(true)
    expect(sameOrigin(req({ host: '127.0.0.1:8080', origin: 'http://evil.example' }))).toBe(false)
    expect(sameOrigin(req({ host: '127.0.0.1:8080', origin: 'null' }))).toBe(false)
  })

  it('serves the simulator only under loopback host names (no DNS rebinding)', () => {
    expect(['127.0.0.1:8080', 'localhost:8080', 'localhost', '[::1]:8080'].map(loopbackHost)).toEqual([true, true, true, true])
    expect(['evil.example:8080', '127.0.0.1.evil.example', '10.0.0.1:8080', undefined].map(loopbackHost)).toEqual([false, false, false, false])
  })

  it('parses cookies', () => {
    expect(cookies(req({ cookie: 'a=1; gridbot_session=x%3Dy; b' }))).toEqual(
      new Map([
        ['a', '1'],
        ['gridbot_session', 'x=y'],
      ]),
    )
  })
})
