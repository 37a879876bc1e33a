// Counters for things that are dropped on purpose (ignored rooms, oversize texts, rate limits, repairs), so an
// operator can see them in logs and tests can assert them.
export class Counters {
  private readonly values = new Map<string, number>()
  inc(name: string, by = 1): void {
    this.values.set(name, (this.values.get(name) ?? 0) + by)
  }
  get(name: string): number {
    return this.values.get(name) ?? 0
  }
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.values)
  }
}
