// What is wrong with a REDIS_CLUSTER_NODES value (Chinese / English, like the other URL checks' messages).
export const clusterNodesTexts = {
  notHostPort: (bad: string) => `不是 host:port / not host:port: "${bad}" (expected 10.0.0.1:7000,10.0.0.2:7000,10.0.0.3:7000)`,
  noNodes: '没有节点 / no nodes (host:port,host:port,…)',
}
