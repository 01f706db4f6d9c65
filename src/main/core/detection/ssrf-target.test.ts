import { describe, expect, it } from 'vitest'
import { isPrivateIp, judgeSsrf, parseLooseIpv4 } from './ssrf-target'

describe('judgeSsrf', () => {
  it.each([
    'http://169.254.169.254/latest/',
    'http://metadata.google.internal/',
    'http://127.0.0.1:8080/',
    'http://localhost/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0177.0.0.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'gopher://x.example:70/_',
    'dict://x.example:11211/',
    'file:///etc/hosts',
    'http://127.0.0.1.nip.io/',
  ])('flags %s from anywhere', (url) => {
    expect(judgeSsrf(url, true)).not.toBeNull()
  })

  it('flags private targets only when the client is outside', () => {
    expect(judgeSsrf('http://10.30.2.15:8080/hooks/fills', true)).toBeNull()
    expect(judgeSsrf('http://10.30.2.15:8080/hooks/fills', false)).not.toBeNull()
  })

  it('reads a UNC path as a target only when it names an address', () => {
    expect(judgeSsrf('\\\\fs01\\desk\\reports\\eod.csv', false)).toBeNull()
    expect(judgeSsrf('\\\\127.0.0.1\\c$\\x', false)).not.toBeNull()
    expect(judgeSsrf('//redis:6379/', false)).not.toBeNull()
  })

  it('reads a line comment in code as a comment, not a scheme-relative URL', () => {
    expect(judgeSsrf('//@version=5\nindicator("squeeze")\nplot(close)', false)).toBeNull()
    expect(judgeSsrf('// todo: widen the band\nband = atr(14) * 2', false)).toBeNull()
    expect(judgeSsrf('//169.254.169.254/latest/meta-data/ then more', false)).not.toBeNull()
  })

  it('reads the addresses a DNS-rebinding name holds in hex labels', () => {
    expect(judgeSsrf('http://7f000001.a9fea9fe.rbndr.us:8500/v1/agent/self', false)).not.toBeNull()
    expect(judgeSsrf('http://0a000005.c6336401.rebind.example.net/', false)).not.toBeNull()
    expect(judgeSsrf('https://a9fea9fe.cdn-check.example/latest/', false)).not.toBeNull()
    // one short hex label of a public address, or of a private one alone, names an ordinary host
    expect(judgeSsrf('https://0a1b2c3d.tunnel.example.com/hook', false)).toBeNull()
    expect(judgeSsrf('https://c6336401.cb0a1b2c.rebind.example.net/', false)).toBeNull()
  })

  it('reads a defanged URL as a warning, not a target', () => {
    expect(
      judgeSsrf('a text with hxxps://desk-login[.]example[.]co/verify in it', false),
    ).toBeNull()
    expect(judgeSsrf('do not open http://payroll(.)corp/login', false)).toBeNull()
    expect(judgeSsrf('hxxp://intranet/reset', false)).toBeNull()
    // the same hosts as they are fetched still count
    expect(judgeSsrf('http://intranet/reset', false)).not.toBeNull()
    expect(judgeSsrf('http://169.254.169.254/[.]', false)).not.toBeNull()
  })

  it("reads an app's custom scheme as a deep link, not a target", () => {
    expect(judgeSsrf('broker://research/rs-2026-0188?utm_source=push', false)).toBeNull()
    expect(judgeSsrf('http://research/rs-2026-0188', false)).not.toBeNull()
    expect(judgeSsrf('ftp://127.0.0.1/x', false)).not.toBeNull()
    // sftp naming no file is a connection to a listener that reads the fetcher's SSH banner: a probe
    // whatever the host
    expect(judgeSsrf('sftp://files.elsewhere.example:11111/', false)).not.toBeNull()
    expect(judgeSsrf('sftp://files.elsewhere.example:11111', false)).not.toBeNull()
    // one naming a directory or file is a delivery or a feed, judged by its host like ftp
    expect(judgeSsrf('sftp://sftp.fund.example:2222/in/broker/', false)).toBeNull()
    expect(judgeSsrf('{"delivery":"sftp://sftp.fund.example/out/holdings.csv"}', false)).toBeNull()
    expect(judgeSsrf('sftp://127.0.0.1:22/etc/passwd', false)).not.toBeNull()
    expect(judgeSsrf('sftp://10.20.0.5/in/broker/', false)).not.toBeNull()
    expect(judgeSsrf('sftp://169.254.169.254/latest/meta-data', false)).not.toBeNull()
  })

  it('leaves public webhooks alone', () => {
    expect(judgeSsrf('https://hooks.example.com/x', false)).toBeNull()
  })
})

describe('address helpers', () => {
  it('parses encoded IPv4 forms', () => {
    expect(parseLooseIpv4('127.1')?.octets).toEqual([127, 0, 0, 1])
    expect(parseLooseIpv4('0x7f.1')?.octets).toEqual([127, 0, 0, 1])
    expect(parseLooseIpv4('example')).toBeNull()
    expect(isPrivateIp('172.20.1.1')).toBe(true)
    expect(isPrivateIp('203.0.113.1')).toBe(false)
  })
})

describe('a URL mentioned in a sentence', () => {
  it('is talked about, not fetched, when the target is an ordinary local one', () => {
    expect(judgeSsrf('http://localhost:3000 works for me locally but not in UAT', false)).toBeNull()
    expect(judgeSsrf('our wiki at http://wiki/ops has the steps for this', false)).toBeNull()
    expect(judgeSsrf('call http://10.40.2.15:8080/hooks when the fill lands', false)).toBeNull()
    expect(
      judgeSsrf('3. confirm quotes resume on http://localhost:9090/graph?g0.expr=px_total', false),
    ).toBeNull()
  })

  it('still counts as a target alone, in markup, after an assignment, or when it is not what people write', () => {
    expect(judgeSsrf('http://localhost:3000/admin', false)).not.toBeNull()
    expect(judgeSsrf('<img src="http://127.0.0.1/x"> hello there my friend', false)).not.toBeNull()
    expect(judgeSsrf('fetch=http://10.0.0.1/ and more words here please', false)).not.toBeNull()
    expect(
      judgeSsrf('see http://169.254.169.254/latest/meta-data/ for the keys now', false),
    ).not.toBeNull()
    expect(judgeSsrf('see http://0x7f000001/ for the creds now ok', false)).not.toBeNull()
    expect(judgeSsrf('gopher://127.0.0.1:6379/_flushall and some words here', false)).not.toBeNull()
  })
})

describe('names only a private resolver answers', () => {
  it('are targets when asked for from outside, ordinary from inside', () => {
    const k8s = 'https://kubernetes.default.svc/api/v1/namespaces/kube-system/secrets'
    expect(judgeSsrf(k8s, false)?.reason).toBe('internal DNS name requested from outside')
    expect(judgeSsrf('http://redis.desk.svc.cluster.local:6379/', false)).not.toBeNull()
    // A desk's own zone is where its webhooks go.
    expect(judgeSsrf('http://risk-engine.desk.internal:8080/hooks/fill', false)).toBeNull()
    expect(judgeSsrf(k8s, true)).toBeNull()
    expect(judgeSsrf('https://hooks.slack.com/services/T0/B0/x', false)).toBeNull()
    expect(judgeSsrf('https://docs.internal-tools.example.com/x', false)).toBeNull()
  })
})
