// Chinese texts of the Redis Cluster start-up check (the operator reads them when `gridbot start` refuses to begin).
export const clusterCheckTexts = {
  notMember: (node: string, why: string) => `REDIS_CLUSTER_NODES 中的 ${node} 不是 Redis Cluster 的成员:${why}`,
  clusterDisabled: '该节点未启用 cluster 模式(cluster-enabled no)',
  notJoined: '该节点启用了 cluster 模式,但没有加入集群(没有分到任何槽位)',
  otherCluster: (first: string) => `它不在 ${first} 所在的集群里`,
  unreachable: (node: string, seconds: number, last: string) => `无法连接 Redis Cluster 节点 ${node}(REDIS_CLUSTER_NODES),已等待 ${seconds} 秒:${last}`,
  badAuth: (node: string, why: string) =>
    `Redis Cluster 节点 ${node} 拒绝了登录(${why}):检查 REDIS_CLUSTER_PASSWORD 或 REDIS_CLUSTER_NODES 中的密码(每个节点的 requirepass)`,
  badTls: (node: string, why: string) =>
    `Redis Cluster 节点 ${node} 的 TLS 握手失败(${why}):检查 REDIS_CLUSTER_TLS_CA(签发节点证书的 CA)、REDIS_CLUSTER_TLS_CERT/_KEY(节点要求客户端证书时),以及节点是否开启了 tls-port`,
  notOk: (node: string, state: string) => `Redis Cluster 状态不正常(${node} 报告 cluster_state:${state}):等集群恢复,或检查槽位分配`,
}
