/** BullMQ job ids may not contain ':'; ours are built from parts that might. Deterministic: same parts, same id. */
export function jobId(...parts: (string | number)[]): string {
  return parts.map((p) => String(p).replace(/[:\s]/g, '_')).join('|')
}
