// Every relative link in the docs leads somewhere: README.md, CONTRIBUTING.md and docs/**/*.md, each link to a file
// that exists and, with a #fragment into a Markdown file, to a heading that file has (GitHub's heading ids, Chinese
// headings included). Links inside code (fenced blocks, `spans`) are text, not links; http(s) and mailto are not
// checked (no network in unit tests).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')

function markdownFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(path.join(root, dir)).flatMap((name) => {
      const rel = path.posix.join(dir, name)
      if (statSync(path.join(root, rel)).isDirectory()) return walk(rel)
      return name.endsWith('.md') ? [rel] : []
    })
  return ['README.md', 'CONTRIBUTING.md'].filter((f) => existsSync(path.join(root, f))).concat(walk('docs'))
}

/** The text with fenced code blocks blanked out (lines kept), and code spans too unless `spans` is false. */
function withoutCode(markdown: string, spans = true): string {
  let fence: string | null = null
  return markdown
    .split('\n')
    .map((line) => {
      const m = /^\s*(`{3,}|~{3,})/.exec(line)
      if (fence) {
        if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length) fence = null
        return ''
      }
      if (m) {
        fence = m[1]!
        return ''
      }
      return spans ? line.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, '') : line
    })
    .join('\n')
}

/** GitHub's id for a heading: lower case, punctuation and symbols dropped (letters of every script kept, so Chinese
 *  stays and a full-width colon or 、 goes), each space a hyphen; a repeated id gets -1, -2 … (github-slugger). */
function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>()
  const seen = new Map<string, number>()
  for (const line of withoutCode(markdown, false).split('\n')) {
    const m = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)
    if (!m) continue
    const text = m[1]!
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/[*`]/g, '')
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
      .replace(/ /g, '-')
    const n = seen.get(base) ?? 0
    seen.set(base, n + 1)
    ids.add(n === 0 ? base : `${base}-${n}`)
  }
  for (const m of markdown.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) ids.add(m[1]!)
  return ids
}

/** The link targets of a Markdown text: inline links and images, reference definitions, and HTML href/src. */
function linkTargets(markdown: string): string[] {
  const text = withoutCode(markdown)
  const out: string[] = []
  for (const m of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) out.push(m[1]!)
  for (const m of text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)) out.push(m[1]!)
  for (const m of text.matchAll(/\s(?:href|src)="([^"]+)"/g)) out.push(m[1]!)
  return out
}

const external = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')

describe('relative links in the docs', () => {
  const files = markdownFiles()

  it('finds the docs to check', () => {
    expect(files).toContain('README.md')
    expect(files).toContain('docs/manual.md')
  })

  it.each(files)('every relative link in %s resolves', (file) => {
    const broken: string[] = []
    for (const target of linkTargets(readFileSync(path.join(root, file), 'utf8'))) {
      if (external(target)) continue
      const hash = target.indexOf('#')
      const rawPath = hash < 0 ? target : target.slice(0, hash)
      const fragment = hash < 0 ? '' : decodeURIComponent(target.slice(hash + 1))
      const resolved = rawPath ? path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURIComponent(rawPath))) : file
      if (!existsSync(path.join(root, resolved))) {
        broken.push(`${target} (no file ${resolved})`)
        continue
      }
      if (fragment && resolved.endsWith('.md') && !headingIds(readFileSync(path.join(root, resolved), 'utf8')).has(fragment))
        broken.push(`${target} (no heading #${fragment} in ${resolved})`)
    }
    expect(broken).toEqual([])
  })
})

describe('how the checker reads Markdown', () => {
  it('makes GitHub heading ids, Chinese headings included, repeats numbered', () => {
    const ids = headingIds(
      '# 网格助手使用手册\n## 第一次使用：登记\n## 志愿服务、积分和兑换\n## Projects and evaluation (领题攻坚 · 六个一 · 评价)\n## The `npm test` run\n## 通知\n### 通知\n```\n## not a heading\n```\n',
    )
    expect([...ids]).toEqual([
      '网格助手使用手册',
      '第一次使用登记',
      '志愿服务积分和兑换',
      'projects-and-evaluation-领题攻坚--六个一--评价',
      'the-npm-test-run',
      '通知',
      '通知-1',
    ])
  })

  it('reads links outside code only', () => {
    const md = 'See [a](docs/a.md#x) and ![p](docs/p.png "pic").\n`[no](code.md)`\n```\n[no](fenced.md)\n```\n[ref]: docs/r.md\n<img src="docs/i.png">\n'
    expect(linkTargets(md)).toEqual(['docs/a.md#x', 'docs/p.png', 'docs/r.md', 'docs/i.png'])
  })
})
