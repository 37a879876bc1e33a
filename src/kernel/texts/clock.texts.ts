// The Chinese of the clocks' policy keys (kernel/policy/clock-policy.ts).
export const clockTexts = {
  paceFormat: '时长格式如 1h、1d,或 { normal: 1h, urgent: 3m }',
}
