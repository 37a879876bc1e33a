// Source rules Biome cannot express, run by `npm run check`:
// - users' Chinese lives only in *texts.ts: a Chinese string or template literal elsewhere in src/ is reported;
// - no function over 60 lines unless the comment just above it says why (a line containing "long because").
// Files that broke a rule before it existed are listed with their counts in scripts/check-source-known.json:
// a count may fall, never rise, and a file not listed must be clean. `--write-known` rewrites that list.
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { execSync } from 'node:child_process'
import ts from 'typescript'

const root = path.resolve(import.meta.dirname, '..')
const knownFile = path.join(root, 'scripts/check-source-known.json')
const MAX_LINES = 60
const HAN = /[\u3400-\u9fff]/

const files = execSync('git ls-files src', { cwd: root, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f.endsWith('.ts') && !f.startsWith('src/db/generated/'))

const found = {}
const add = (file, rule) => {
  found[file] ??= {}
  found[file][rule] = (found[file][rule] ?? 0) + 1
}

for (const file of files) {
  const text = readFileSync(path.join(root, file), 'utf8')
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
  // The parser and the masking patterns hold the words people type (收到, 签到, 栋, 号院 …): input vocabulary and
  // patterns, not text the bot says, so the texts rule does not apply to them.
  const textsFile = file.endsWith('texts.ts') || file.startsWith('src/parser/') || file.startsWith('src/core/privacy/')
  const visit = (node) => {
    if (
      !textsFile &&
      (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node))
    ) {
      // Import specifiers and zod enum keys are not user text; literals in them never contain Chinese anyway.
      if (HAN.test(node.text)) add(file, 'chinese-outside-texts')
    }
    if (ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node) || ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      const body = node.body
      if (body && ts.isBlock(body)) {
        const lines = sf.getLineAndCharacterOfPosition(body.getEnd()).line - sf.getLineAndCharacterOfPosition(body.getStart()).line + 1
        const leading = text.slice(Math.max(0, node.getFullStart()), node.getStart())
        const stmt = node.parent && (ts.isVariableDeclaration(node.parent) ? node.parent.parent?.parent : node.parent)
        const outer = stmt ? text.slice(stmt.getFullStart(), stmt.getStart()) : ''
        if (lines > MAX_LINES && !/long because/i.test(leading + outer)) add(file, 'function-over-60-lines')
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(sf)
}

if (process.argv.includes('--write-known')) {
  writeFileSync(knownFile, `${JSON.stringify(found, null, 2)}\n`)
  console.log(`wrote ${Object.keys(found).length} files to ${path.relative(root, knownFile)}`)
  process.exit(0)
}

const known = JSON.parse(readFileSync(knownFile, 'utf8'))
const problems = []
for (const [file, rules] of Object.entries(found))
  for (const [rule, n] of Object.entries(rules)) {
    const allowed = known[file]?.[rule] ?? 0
    if (n > allowed) problems.push(`${file}: ${rule} ${n} (known: ${allowed})`)
  }
if (problems.length) {
  console.error(
    'check-source: new breaks of the source rules (Chinese user text belongs in *.texts.ts; a function over 60 lines is split, ' +
      'or says "long because …" in the comment above it):',
  )
  for (const p of problems) console.error(`  ${p}`)
  process.exit(1)
}
const debt = Object.values(found).reduce((s, r) => s + Object.values(r).reduce((a, b) => a + b, 0), 0)
console.log(`check-source: ok (${debt} known breaks left in scripts/check-source-known.json)`)
