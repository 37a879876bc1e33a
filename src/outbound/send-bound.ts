// A bound on one send to WeChat. Over a puppet service a send is a gRPC call with no deadline (wechaty-puppet-service
// sets none, and closing its client does not end a call already under way): a provider that stalls, or a half-open
// TCP link, would hold the account's queue for good. Past the bound the send counts as failed; the call itself goes on
// unobserved (its late answer, or failure, is dropped).

/** GRIDBOT_SEND_TIMEOUT_MS's default. */
export const DEFAULT_SEND_TIMEOUT_MS = 60_000
/** The bound on an image or a file (a month's 台账 is ~11 MB, one base64 request of ~14 MB: on a 2 Mbit/s uplink a
 *  minute goes before the provider even has it; a false timeout would send it again and again). Under the outbox
 *  claim's 10 minutes (CLAIM_MS), so a send still under way never loses its claim. */
export const FILE_SEND_TIMEOUT_MS = 5 * 60_000

/** A send that did not return within its bound (code `send_timeout`). */
export class SendTimeoutError extends Error {
  readonly code = 'send_timeout'
  constructor(readonly ms: number) {
    super(`send did not return within ${ms} ms`)
    this.name = 'SendTimeoutError'
  }
}

/** `p`, or a SendTimeoutError once `ms` have passed without it settling. */
export function sendWithin<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  p.catch(() => undefined) // a failure after the bound is nobody's to handle
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new SendTimeoutError(ms)), ms)))
  return Promise.race([p, late]).finally(() => clearTimeout(timer))
}
