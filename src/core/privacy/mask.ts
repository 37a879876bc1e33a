// Personal data stays in its own group (issue #7): any text that leaves the owning unit's room — escalations,
// take-over notices, lists and records read from an ancestor's room, digests — goes through maskPersonalData.
// The supervisor above needs to know *which case* it is, not how to phone or identify the resident; the full
// record is read in the owning room.
//
// | what                        | typed as (examples)                                   | shown as               |
// |-----------------------------|-------------------------------------------------------|------------------------|
// | mobile                      | 13812345678, 138 1234 5678, 138-1234-5678, +86/86/0086 | 138****5678 (3 + 4)    |
//                                 (split 3-4-4 or 4-3-4 by a space or dash, or not at all)
// | landline with area code     | 0371-12345678, (0371)12345678, 0371 1234 5678          | 0371-****5678          |
// | labelled local number       | 电话/座机/固话/手机/号码/tel 1234 5678, 123-4567       | 电话 **** 5678          |
// | ID number, 18 digits        | 410102195003041234, …123X, 6-8-4 spaced                | 4101**********1234     |
// | ID number, 15 digits (old)  | 410102500304123                                       | 4101********123        |
// | bank card, 16–19 digits     | 6222021234567890, 6222 0212 3456 7890                  | 6222 **** **** 7890    |
// | room after building / unit  | 3号楼2单元301, 3栋2单元301室, 5幢1201, 2层201, 3号楼2-301 | 3号楼2单元***        |
//                                 8栋1门502 (门 = entrance, like 单元)                      8栋1门***
// | building-unit-room          | 3-2-301, 8-502                                        | 3-2-***, 8-***         |
// | room / house number         | 301室, 1801号房, 建设路12号, 金水路88号院, 王庄村3组15号  | ***室, 建设路**号       |
// | mobile in Chinese numerals  | 一三八一二三四五六七八, 幺三八幺二三四五六七八 (幺 = 1)     | 一三八****五六七八       |
// | e-mail                      | zhangsan@163.com                                      | zh******@163.com       |
// | licence plate               | 豫A12345, 豫A·D12345 (new energy)                      | 豫A***45               |
// | WeChat id (labelled, wxid_) | 微信号 zhangsan_88, vx: li-ming, wxid_abc123            | 微信号 zh*******88      |
// | passport / travel permit    | 护照E12345678, 通行证 H12345678, EA1234567              | 护照E****5678           |
// | any other run of ≥ 7 digits | 12345678 (an unlabelled local number? an order number?) | ****5678             |
//
// Kept: building and unit numbers (they locate the case, not the person), record ids (T12, N3, H7, V31, even
// out of range), times (09:30), dates (2026-11-22, 11月22日), counts (5户, 12小时, 2室1厅), money (¥12000000,
// 12000000元, 1234567.89). Anything else ambiguous is masked: a compact date like 20261122 loses its middle.
// Digits keep their width (１３８****５６７８), separators stay, and every mask is as long as what it hides. The first
// characters of an e-mail or WeChat id and the last of a plate stay, so two cases can be told apart (issue #29).
// Not covered: names (a resident reporter is never named outside the unit: 居民), ids written without a label.

import { must } from '../must.ts'

/** What an earlier rule left (stars) or another digit must not touch a number; nor the number of a record id. */
const START = String.raw`(?<![\d*])(?<!\d\.)(?<!\b[TNHVtnhv])`
const END = String.raw`(?![\d*])`
const SEP = '[ -]?'
const AREA = String.raw`(?:10|2\d|[3-9]\d\d)` // area codes: 010, 020–029, else 0 + three digits
const LABEL = `(?:电话|座机|固话|手机|号码|联系方式|tel|phone)`
const BUILDING = `(?:楼|栋|幢|座|单元|门|层)`
/** After these a number is a building, floor, count, time, date or amount — not a room. */
const NOT_ROOM = String.raw`(?:号楼|号院|楼|栋|幢|座|单元|门(?!口|前|外)|层|户|人|次|趟|遍|个|项|件|处|起|部|台|辆|只|张|份|家|套|小时|分|秒|天|点|时|:|元|块|年|月|日|周|岁|名|位|米|平|斤|吨|公里|%|\.\d)`
const MONEY_AFTER = `(?! ?(?:元|块|圆|万|亿|角|美元|港元|欧元))`
/** Chinese numerals as digits are dictated (幺 = 1 on the phone). */
const CN = '〇零一幺二三四五六七八九'
const PROVINCE = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼'
const WECHAT_LABEL = `(?:微信号?|vx|wx|wechat|weixin)`
const PASSPORT_LABEL = `(?:护照|通行证|passport)(?:号码|号)?`
const MONEY_BEFORE = `(?<!(?:[$¥￥]|RMB|rmb) ?)`

interface Rule {
  /** The digits to mask are in the group `body`; the rest of the match is context that stays. */
  re: RegExp
  head: number
  tail: number | ((digits: number) => number)
  /** What counts (and is starred) inside the body: digits unless said. */
  chars?: RegExp
}
const rule = (source: string, head: number, tail: Rule['tail'], flags = '', chars?: RegExp): Rule => ({
  re: new RegExp(source, `dg${flags}`),
  head,
  tail,
  chars,
})
const DIGIT = new RegExp(`[\\dXx${CN}]`)
const WORD = /[A-Za-z0-9_\-.%+*]/

// In order: the longest, most certain forms first, so a shorter rule never bites a piece out of a longer number.
const RULES: Rule[] = [
  rule(String.raw`(?<![\w.%+*-])(?<body>[\w.%+*-]+)@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`, 2, 0, '', WORD), // e-mail
  rule(String.raw`\bwxid_(?<body>[A-Za-z0-9_-]{4,})`, 0, 2, 'i', WORD), // WeChat's internal id
  rule(String.raw`${WECHAT_LABEL}\s*[:：]?\s*(?:是|为)?\s*(?<body>[A-Za-z][\w-]{5,19})(?![\w-])`, 2, 2, 'i', WORD), // WeChat id
  rule(String.raw`${PASSPORT_LABEL}\s*[:：]?\s*(?:是|为)?\s*[A-Za-z]{1,2}(?<body>\d{7,10})(?!\d)`, 0, 4, 'i'), // passport
  rule(String.raw`[${PROVINCE}][A-Za-z][·• ]?(?=[A-Za-z]{0,2}\d)(?<body>[A-Za-z0-9]{5,6})(?![A-Za-z0-9*])`, 0, 2, '', WORD), // 豫A12345
  rule(`(?<![${CN}])(?<body>[一幺][三四五六七八九][${CN}](?:[ -]?[${CN}]{4}){2})(?![${CN}])`, 3, 4), // 一三八…
  rule(`(?<![${CN}])(?<body>[${CN}]{7,})(?![${CN}])`, 0, 4), // other long numbers in Chinese numerals
  rule(String.raw`${START}(?<body>\d{6}${SEP}\d{8}${SEP}\d{3}[\dXx])(?![\dA-Za-z*])`, 4, 4), // ID, 18 digits
  rule(String.raw`${START}(?<body>\d{15,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]\d{3})?)${END}`, 4, (n) => (n === 15 ? 3 : 4)), // card, old ID
  rule(String.raw`${START}(?:\(?(?:\+|00)?86\)?[ -]?)?(?<body>1[3-9]\d(?:${SEP}\d{4}${SEP}\d{4}|\d[ -]\d{3}${SEP}\d{4}))${END}`, 3, 4), // mobile
  rule(String.raw`${START}(?:(?:\+|00)86${SEP}\(?0?${AREA}\)?|\(0${AREA}\)|0${AREA})${SEP}(?<body>\d{3,4}${SEP}\d{4})${END}`, 0, 4), // landline
  rule(String.raw`${LABEL}\s*:?\s*(?:是|为)?\s*(?<body>\d{3,4}${SEP}\d{4})${END}`, 0, 4, 'i'), // labelled local number
  rule(String.raw`${BUILDING}[ -]?(?:\d{1,2}-)?(?<body>\d{1,4})(?![\d*-])(?!${NOT_ROOM})`, 0, 0), // 3号楼2单元301
  rule(String.raw`${START}\d{1,3}-\d{1,2}-(?<body>\d{3,4})${END}(?!${NOT_ROOM})`, 0, 0), // 3-2-301
  rule(String.raw`${START}(?<!\d-)\d{1,3}-(?<body>\d{3,4})${END}(?!-)(?!${NOT_ROOM})`, 0, 0), // 8-502
  rule(String.raw`${START}(?<body>\d{2,4})(?=号?[室房])`, 0, 0), // 301室, 1801号房 (not 2室1厅)
  rule(String.raw`(?:路|街|巷|弄|胡同|村|组)(?<body>\d{1,4})(?=号(?!楼))`, 0, 0), // 建设路12号, 88号院, 3组15号
  rule(String.raw`${START}${MONEY_BEFORE}(?<body>\d{7,})${END}(?!\.\d)${MONEY_AFTER}`, 0, 4), // anything long
]

/** Masks phone, ID, bank card and house numbers in text that leaves the owning unit's group. */
export function maskPersonalData(text: string): string {
  const out = text.split('') // UTF-16 units: every character the rules touch is one unit
  const seen = fold(text).split('')
  for (const { re, head, tail, chars = DIGIT } of RULES) {
    for (const m of seen.join('').matchAll(re)) {
      const [start, end] = must(m.indices?.groups?.body, 'MASK_NO_INDICES')
      const digits: number[] = []
      for (const [k, c] of seen.slice(start, end).entries()) if (chars.test(c)) digits.push(start + k)
      const keepTail = typeof tail === 'function' ? tail(digits.length) : tail
      for (const i of digits.slice(head, digits.length - keepTail)) out[i] = seen[i] = '*'
    }
  }
  return out.join('')
}

export function containsPersonalData(text: string): boolean {
  return maskPersonalData(text) !== text
}

/**
 * The text as the rules read it, unit for unit: full-width forms as ASCII (１３８ → 138, （ → (), every space as
 * a space, dashes as -, and invisible characters as a space so "138\u200b1234\u200b5678" is still a number.
 */
function fold(text: string): string {
  let s = ''
  for (const ch of text.split('')) {
    const code = ch.charCodeAt(0)
    if (code >= 0xff01 && code <= 0xff5e) s += String.fromCharCode(code - 0xfee0)
    else if (/[\u2010-\u2015\u2212]/.test(ch)) s += '-'
    else if (/[\p{Zs}\p{Cf}]/u.test(ch)) s += ' '
    else s += ch
  }
  return s
}
