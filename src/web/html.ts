// Server-rendered HTML: a tagged template that escapes every value, and the page shell every page shares.
const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESC[c] ?? c)

/** Already-safe markup (the result of `html`). */
export class Raw {
  constructor(readonly value: string) {}
  toString() {
    return this.value
  }
}
export const raw = (s: string) => new Raw(s)

type Value = string | number | boolean | null | undefined | Raw | Value[]
const render = (v: Value): string => {
  if (v === null || v === undefined || v === false) return ''
  if (v instanceof Raw) return v.value
  if (Array.isArray(v)) return v.map(render).join('')
  return escapeHtml(String(v))
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Raw {
  // A template has one more string than values: each string after the first follows a value.
  return new Raw(strings.reduce((out, s, i) => out + (i > 0 ? render(values[i - 1]) : '') + s, ''))
}

export interface PageOptions {
  title: string
  /** Scripts of ours (file names under /assets/). */
  scripts?: string[]
  /** Put in a <meta> for the page's scripts: the CSRF token they send with every change. */
  csrf?: string
  nav?: Raw
  body: Raw
}

export const page = (o: PageOptions): string =>
  `<!doctype html>${
    html`<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${o.title}</title><link rel="stylesheet" href="/assets/console.css">${o.csrf ? html`<meta name="csrf-token" content="${o.csrf}">` : ''}
${(o.scripts ?? []).map((s) => html`<script src="/assets/${s}" defer></script>`)}</head>
<body>${o.nav ?? ''}${o.body}</body></html>`.value
  }`
