// What every subtree list (#需求列表, #任务列表, #隐患列表, #项目列表) says around its lines.

export const listTexts = {
  group: (unitName: string, n: number) => `【${unitName}】${n} 项`,
  page: (page: number, pages: number) => `(第${page}/${pages}页)`,
  more: (n: number, next: string) => `…另有 ${n} 项,下一页:${next}`,
  narrow: (example: string) => `只看一个单位:${example}`,
  nextPage: (command: string, words: string[], page: number) => [command, ...words, `第${page}页`].join(' '),
  noSuchPage: (page: number, pages: number, first: string) => `没有第${page}页(共 ${pages} 页)。从头看:${first}`,
  noSuchUnit: (word: string, unitName: string, example: string) => `${unitName}及下级没有叫「${word}」的单位。\n例如:${example}`,
  ambiguousUnit: (word: string, names: string[]) => `「${word}」对应多个单位:${names.join('、')},请写全名`,
  clipped: '…',
}
