// #任务's own words: the words it takes after the id or first (完整, 列表, 转), its problems, and a task's record.
import { formatLocal } from '../../core/time.ts'
import { EVENT_LABEL, STATUS_LABEL } from './task.texts.ts'
import type { TaskStatus } from './task.types.ts'

interface RecordEvent {
  at: Date
  actorId: number | null
  kind: string
  level: number | null
  fromStatus: TaskStatus | null
  toStatus: TaskStatus | null
  note: string | null
}

export const taskCommandTexts = {
  titleMissing: '请写明任务标题',
  needNumberMissing: '请写需求编号,如:#任务 转 N12',
  /** #任务 T12 完整: the record unmasked (for a reader who may see it). */
  fullWords: ['完整', '全文'] as readonly string[],
  listWord: '列表',
  convertWord: '转',
  /** #任务 T12: its line, result, evidence and every event. */
  record(head: string, result: string | null, evidence: number, events: RecordEvent[], names: Map<number, string>) {
    const res = result ? `\n结果:${result}` : ''
    const pics = evidence ? `\n凭证图片:${evidence} 张` : ''
    const lines = events.map((e) => {
      const who = e.actorId ? (names.get(e.actorId) ?? '') : '系统'
      const level = e.level !== null ? `(第${e.level}级)` : ''
      const move = e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? ` ${STATUS_LABEL[e.fromStatus]}→${STATUS_LABEL[e.toStatus]}` : ''
      return `${formatLocal(e.at)} ${who} ${EVENT_LABEL[e.kind] ?? e.kind}${level}${move}${e.note ? `:${e.note}` : ''}`
    })
    return `${head}${res}${pics}\n记录:\n${lines.join('\n')}`
  },
}
