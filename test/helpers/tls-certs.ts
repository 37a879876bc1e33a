// Certificates for a TLS Redis Cluster on loopback, made with openssl in a folder of the test's: a CA, a node
// certificate it signed (for 127.0.0.1 and localhost; also the client certificate gridbot shows), and a second CA
// that signed nothing of ours (the wrong CA an operator might name).
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { aptInstall, which } from '../../src/runtime/system-packages.ts'

export interface TestCerts {
  ca: string
  cert: string
  key: string
  /** A CA that did not sign the nodes' certificate. */
  otherCa: string
}

// A fresh CI machine may lack the openssl command: installed like the servers, with apt-get when root.
let found = false
const openssl = (args: string[], cwd: string) => {
  if (!found && !which('openssl')) aptInstall(['openssl'], (line) => console.log(line))
  found = true
  return execFileSync('openssl', args, { cwd, stdio: 'pipe' })
}

function makeCa(dir: string, name: string): void {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${name}`, '-keyout', `${name}.key`, '-out', `${name}.pem`], dir)
}

/** Writes the files into `dir` (which must exist) and returns their paths. */
export function makeTestCerts(dir: string): TestCerts {
  makeCa(dir, 'gridbot-test-ca')
  makeCa(dir, 'other-ca')
  writeFileSync(path.join(dir, 'node.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n')
  openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=redis-node', '-keyout', 'node.key', '-out', 'node.csr'], dir)
  openssl(
    ['x509', '-req', '-in', 'node.csr', '-CA', 'gridbot-test-ca.pem', '-CAkey', 'gridbot-test-ca.key', '-CAcreateserial', '-days', '2'].concat([
      '-extfile',
      'node.ext',
      '-out',
      'node.pem',
    ]),
    dir,
  )
  const at = (f: string) => path.join(dir, f)
  return { ca: at('gridbot-test-ca.pem'), cert: at('node.pem'), key: at('node.key'), otherCa: at('other-ca.pem') }
}
