// `npm run lock:prune` after changing dependencies. The npm registry reachable here serves only this platform's
// native binaries, so npm cannot record the other platforms' optional packages (@swc/core-darwin-*, …) in the
// lock, and `npm ci` then refuses the lock as out of sync. Those packages never install on this platform anyway:
// dropping their dangling names from the lock makes `npm ci` work. test/unit/lockfile.test.ts checks it stays so.
import { readFileSync, writeFileSync } from 'node:fs'

export function danglingOptionals(lock) {
  const pk = lock.packages ?? {}
  const out = []
  for (const [path, meta] of Object.entries(pk)) {
    for (const name of Object.keys(meta.optionalDependencies ?? {})) {
      const nested = `${path ? `${path}/` : ''}node_modules/${name}`
      if (!(nested in pk) && !(`node_modules/${name}` in pk)) out.push([path, name])
    }
  }
  return out
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = 'package-lock.json'
  const lock = JSON.parse(readFileSync(file, 'utf8'))
  const dangling = danglingOptionals(lock)
  for (const [path, name] of dangling) {
    const meta = lock.packages[path]
    delete meta.optionalDependencies[name]
    if (Object.keys(meta.optionalDependencies).length === 0) delete meta.optionalDependencies
  }
  writeFileSync(file, JSON.stringify(lock, null, 2) + '\n')
  console.log(`pruned ${dangling.length} optional dependencies the registry does not serve for this platform`)
}
