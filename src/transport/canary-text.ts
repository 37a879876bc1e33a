// The canary's message (issue #25): a short nonce an account posts to prove it can both send and receive. Plain ASCII
// without '#' or a command word, so no parser could take it for a command; every transport hands it to the canary
// and never on to the pipeline, so it is never a chat record either.
const PREFIX = 'gridbot canary '
const NONCE = /^[0-9a-f]{8,16}$/

export const canaryText = (nonce: string) => `${PREFIX}${nonce}`

/** The nonce of a canary message, null for anything else. */
export function canaryNonce(text: string): string | null {
  if (!text.startsWith(PREFIX)) return null
  const nonce = text.slice(PREFIX.length).trim()
  return NONCE.test(nonce) ? nonce : null
}
