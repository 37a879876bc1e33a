// A regex group a successful match always has (a group outside any `?`, `*` or unused alternative), as a string:
// instead of `m[1]!`, which would let a wrong pattern hand `undefined` on.

/** Group `i` of match `m`; throws (a fault in the pattern, not in the input) when it took no part in the match. */
export function group(m: RegExpExecArray | RegExpMatchArray, i: number): string {
  const text = m[i]
  if (text === undefined) throw new Error(`regex group ${i} took no part in the match of ${JSON.stringify(m[0])}`)
  return text
}

/** The entry of `table` for `key`, a key the pattern admitted (a group over the table's own keys); throws, as
 *  `group` does, when the pattern and the table disagree — instead of `TABLE[key]!`. */
export function entry<V>(table: Readonly<Record<string, V>>, key: string): V {
  const v = table[key]
  if (v === undefined) throw new Error(`no entry for ${JSON.stringify(key)}: the pattern admits a key its table lacks`)
  return v
}
