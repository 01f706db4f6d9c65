// IP addresses and CIDR blocks (IPv4 and IPv6) as bytes, for the trusted-proxy list: the configuration
// validates entries with parseCidr and detection matches client addresses against them.

export interface Cidr {
  /** 4 bytes for IPv4, 16 for IPv6. */
  readonly bytes: Uint8Array
  readonly prefix: number
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/** An address as 4 (IPv4) or 16 (IPv6) bytes; null when it is not one. IPv4-mapped IPv6 reads as IPv4. */
export function parseIp(text: string): Uint8Array | null {
  const s = text.trim()
  const m = V4.exec(s)
  if (m) {
    const out = new Uint8Array(4)
    for (let i = 0; i < 4; i++) {
      const n = Number(m[i + 1])
      if (n > 255) return null
      out[i] = n
    }
    return out
  }
  const v6 = parseIpv6(s)
  if (!v6) return null
  // ::ffff:a.b.c.d is the IPv4 address a.b.c.d.
  if (v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff)
    return v6.slice(12)
  return v6
}

function parseIpv6(s: string): Uint8Array | null {
  if (!/^[0-9a-f:.]{2,45}$/i.test(s)) return null
  let tail: Uint8Array | null = null
  let text = s
  const lastColon = s.lastIndexOf(':')
  if (s.includes('.', lastColon)) {
    const m = V4.exec(s.slice(lastColon + 1))
    if (!m) return null
    tail = parseIp(s.slice(lastColon + 1))
    if (!tail || tail.length !== 4) return null
    text = s.slice(0, lastColon + 1) + '0:0'
  }
  const halves = text.split('::')
  if (halves.length > 2) return null
  const groups = (h: string): string[] => (h === '' ? [] : h.split(':'))
  const head = groups(halves[0] ?? '')
  const rest = halves.length === 2 ? groups(halves[1] ?? '') : []
  const missing = 8 - head.length - rest.length
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null
  const all = [...head, ...Array<string>(Math.max(0, missing)).fill('0'), ...rest]
  const out = new Uint8Array(16)
  for (let i = 0; i < 8; i++) {
    const g = all[i] ?? ''
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return null
    const v = parseInt(g, 16)
    out[2 * i] = v >> 8
    out[2 * i + 1] = v & 0xff
  }
  if (tail) out.set(tail, 12)
  return out
}

/** `10.0.0.0/8`, `2001:db8::/32` or a single address; null when malformed. */
export function parseCidr(text: string): Cidr | null {
  const slash = text.indexOf('/')
  const bytes = parseIp(slash < 0 ? text : text.slice(0, slash))
  if (!bytes) return null
  const max = bytes.length * 8
  if (slash < 0) return { bytes, prefix: max }
  const p = text.slice(slash + 1)
  if (!/^\d{1,3}$/.test(p) || Number(p) > max) return null
  return { bytes, prefix: Number(p) }
}

/** True when the address lies in the block (an IPv4 address never lies in an IPv6 block, or back). */
export function inCidr(ip: Uint8Array, c: Cidr): boolean {
  if (ip.length !== c.bytes.length) return false
  const whole = c.prefix >> 3
  for (let i = 0; i < whole; i++) if (ip[i] !== c.bytes[i]) return false
  const rest = c.prefix & 7
  if (rest === 0) return true
  const mask = (0xff << (8 - rest)) & 0xff
  return ((ip[whole] ?? 0) & mask) === ((c.bytes[whole] ?? 0) & mask)
}
