// Moved: the periods are the kernel's (kernel/time/periods.ts), the words for them the parser's (parser/period.ts).
// Kept for the evaluation's own imports; other capabilities import those two directly.
export { monthOf, parsePeriod, quarterOf, yearOf } from '../../parser/period.ts'
export { periodKey, yearToDate, type Period } from '../../kernel/time/periods.ts'
