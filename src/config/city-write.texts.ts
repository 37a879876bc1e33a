// What `gridbot org export --city` prints (issue #26).
export const cityExportTexts = {
  written: (out: string, files: string[], members: number, unlinked: number) =>
    `已写入 ${out} 及 ${files.length} 个区文件(${files.join('、')}):${members} 名成员(其中 ${unlinked} 名待登记)`,
  notExported: (what: string[]) => `注意:名单不含 ${what.join('、')};再次导入这些文件会清除它们,请在原 YAML 中保留。`,
}
