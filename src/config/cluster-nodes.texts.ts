// What is wrong with a REDIS_CLUSTER_NODES value (Chinese / English, like the other URL checks' messages).
export const clusterNodesTexts = {
  notHostPort: (bad: string) => `不是 host:port / not host:port: "${bad}" (expected 10.0.0.1:7000,10.0.0.2:7000,10.0.0.3:7000)`,
  noNodes: '没有节点 / no nodes (host:port,host:port,…)',
  unreadable: (file: string, why: string) => `无法读取文件 / cannot read "${file}": ${why} (expected a PEM file, e.g. /etc/gridbot/redis-ca.pem)`,
  certWithoutKey: 'REDIS_CLUSTER_TLS_CERT 与 REDIS_CLUSTER_TLS_KEY 须同时设置 / set both (client certificate and its key)',
}
