// The funnel line's words that the pure counting rules (funnel-rules.ts) add; apart from project.texts.ts, which
// reads the rules' types, so the two never import each other.
export const funnelActivitiesText = (n: number) => ` · 项目活动 ${n} 场`
