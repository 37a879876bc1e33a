// The help lines (summary, usage, example) and other fixed words of project.command.ts.
export const projectCommandHelp = {
  projectCommand: {
    name: '项目',
    summary: '领题攻坚项目:创建(关联需求 N、任务 T、资源 R),查看,加入内容',
    usage: '#项目 <名称> [N… T… R…];#项目 P3;#项目 P3 加 T9 N4 R2;#项目 列表',
    example: '#项目 独居老人用电安全 N1 T2 R1',
  },
}
