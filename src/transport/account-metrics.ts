// Each account's link state on /metrics: gridbot_account_state{account, state} is 1 for the state it is in, 0 for the
// others (alert on `gridbot_account_state{state="logged_in"} == 0`).
import type { Metrics, Sample } from '../core/metrics.ts'
import { ACCOUNT_STATES as STATES, type ChatTransport } from './transport.ts'

export function registerAccountMetrics(metrics: Metrics, transports: () => ChatTransport[]): void {
  metrics.gauge('gridbot_account_state', 'Link state of each WeChat account this process serves (1 = current state)', ['account', 'state'], () =>
    transports().flatMap((t): Sample[] => {
      const now = t.status().state
      return STATES.map((state) => ({ labels: { account: t.accountId, state }, value: state === now ? 1 : 0 }))
    }),
  )
}
