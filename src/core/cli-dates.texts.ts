// What the command line says about a date it cannot use (cli-dates.ts).
export const cliDateTexts = {
  dayFormat: (text: string) => `日期格式应为 YYYY-MM-DD,例如 2026-11-01(收到的是「${text}」)`,
  noSuchMonth: (month: number, text: string, example: string) =>
    `没有 ${month} 月:「${text}」不是有效${example === '2026-11' ? '月份' : '日期'},例如 ${example}`,
  noSuchDay: (year: number, month: number, day: number, days: number, text: string) =>
    `${year}年${month}月没有 ${day} 日(该月共 ${days} 天):「${text}」不是有效日期`,
  dayToCome: (text: string) => `「${text}」还没到,没有记录可导出`,
  monthFormat: (text: string) => `月份格式应为 YYYY-MM,例如 2026-11(收到的是「${text}」)`,
  monthToCome: (year: number, month: number) => `${year}年${month}月还没到,没有记录可导出`,
}
