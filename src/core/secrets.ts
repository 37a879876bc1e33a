// Masks secrets in text bound for a log: passwords inside URLs (scheme://user:password@host), token-like query
// parameters, and every value registered as secret (puppet-service tokens, the admin token, URL passwords), wherever
// they appear (wechaty-puppet-service prints its token in some errors).
const known = new Set<string>()

/** Adds values that must never be logged (tokens, passwords). */
export function registerSecrets(values: readonly string[]): void {
  for (const v of values) if (v.length >= 4) known.add(v)
}

const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^:/?#@\s"]*:)[^@\s"/]+@/gi
const TOKEN_PARAM = /([?&](?:token|access_token|password|secret|key)=)[^&\s"]+/gi

export function maskSecrets(text: string): string {
  let out = text.replace(URL_PASSWORD, '$1***@').replace(TOKEN_PARAM, '$1***')
  for (const v of known) if (out.includes(v)) out = out.split(v).join('***')
  return out
}
