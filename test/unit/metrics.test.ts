// The metrics registry: the named counters appear as gridbot_events_total, and a gauge whose source fails or hangs
// leaves /metrics answering (its samples left out, the failure counted).
import { describe, expect, it } from 'vitest'
import { Counters, Metrics } from '../../src/core/metrics.ts'

describe('metrics', () => {
  it('counts the named counters as gridbot_events_total{event}', async () => {
    const c = new Counters()
    c.inc('ignored.unbound_room')
    c.inc('ignored.unbound_room', 2)
    expect(c.get('ignored.unbound_room')).toBe(3)
    expect(await c.metrics.text()).toContain('gridbot_events_total{event="ignored.unbound_room"} 3')
  })

  it('reads gauges at scrape time, and answers without a source that fails or hangs', async () => {
    const m = new Metrics()
    let depth = 4
    m.gauge('gridbot_test_depth', 'test', ['queue'], () => [{ labels: { queue: 'q' }, value: depth }])
    m.gauge('gridbot_test_broken', 'test', ['queue'], async () => {
      throw new Error('Redis away')
    })
    m.gauge('gridbot_test_hangs', 'test', ['queue'], () => new Promise(() => undefined))
    expect(await m.text()).toContain('gridbot_test_depth{queue="q"} 4')
    depth = 7
    const text = await m.text()
    expect(text).toContain('gridbot_test_depth{queue="q"} 7')
    expect(text).not.toContain('gridbot_test_broken{')
    // (Counted as the gauge is read: the counter may be written out before or after it in the same scrape.)
    expect(text).toMatch(/gridbot_scrape_errors_total\{gauge="gridbot_test_broken"\} [12]\n/)
    expect(text).toMatch(/gridbot_scrape_errors_total\{gauge="gridbot_test_hangs"\} [12]\n/)
  })
})
