// What the open API says in Chinese: the CLI's answers and the posts in a grid's group for requests filed from outside.
const when = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ')

export const openApiTexts = {
  unitUnknown: (name: string) => `没有这个单位:${name}`,
  unitAmbiguous: (name: string) => `有多个单位叫"${name}",请加 --district <区名>`,
  keyNameEmpty: () => '请用 --name 给密钥起个名字,例如 --name 12345热线',
  keyNameTaken: (unit: string, name: string) => `${unit}已有名为"${name}"的密钥;换个名字,或先吊销旧的`,
  keyUnknown: (s: string) => `没有这个密钥:${s}(用 gridbot api-key list 查看编号)`,
  keyAmbiguous: (s: string, ids: number[]) => `有多个名为"${s}"的有效密钥(编号 ${ids.join('、')}),请用编号吊销`,
  keyCreated: (id: number, unit: string, name: string, write: boolean) =>
    `已创建密钥 #${id}:${unit} · ${name} · ${write ? '读写' : '只读'}。密钥只显示这一次,请妥善保存:`,
  keyLine: (k: { id: number; name: string; prefix: string; write: boolean; createdAt: Date; revokedAt: Date | null; unit: { name: string } }) =>
    `#${k.id} ${k.unit.name} · ${k.name} · ${k.write ? '读写' : '只读'} · ${k.prefix}… · 创建 ${when(k.createdAt)}${k.revokedAt ? ` · 已吊销 ${when(k.revokedAt)}` : ''}`,
  noKeys: () => '还没有密钥。例如:gridbot api-key create --unit 任城区 --name 12345热线',
  keyRevoked: (id: number, name: string, changed: boolean) => (changed ? `已吊销密钥 #${id}(${name})` : `密钥 #${id}(${name})早已吊销`),
}
