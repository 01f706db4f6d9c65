// A reference point for `bench`, not part of detection: the "rough prototype" the detection issue describes
// as running at about the bare-parse rate (it parsed, decoded, NFKC-normalised, ran 30 regexes and kept
// per-IP windows). Rebuilt here from that description so the claim can be measured on the machine at hand:
// if the prototype itself runs well below the bare parse loop, the cost of detection next to parsing is
// the machine's and runtime's, not the engine's. Its regexes are a plausible handful of naive signatures,
// chosen for their shape (alternations, classes, a few wildcards) and not used anywhere else.

const PROTOTYPE_REGEXES: readonly RegExp[] = [
  /union\s+(all\s+)?select/i,
  /\bor\s+\d+\s*=\s*\d+/i,
  /'\s*or\s*'/i,
  /;\s*(drop|delete|insert|update)\b/i,
  /sleep\s*\(\s*\d/i,
  /benchmark\s*\(/i,
  /waitfor\s+delay/i,
  /information_schema/i,
  /<script\b/i,
  /\bon[a-z]+\s*=/i,
  /javascript\s*:/i,
  /<svg\b/i,
  /<iframe\b/i,
  /\{\{.*\}\}/,
  /\.\.[/\\]/,
  /\/etc\/(passwd|shadow)/i,
  /php:\/\//i,
  /file:\/\//i,
  /[;&|`]\s*(cat|id|whoami|uname|wget|curl)\b/i,
  /\$\([^)]*\)/,
  /`[^`]+`/,
  /\$\{jndi:/i,
  /\$\{[^}]*\$\{/,
  /169\.254\.169\.254/,
  /localhost|127\.0\.0\.1/i,
  /(sqlmap|nikto|nmap|masscan|nuclei)/i,
  /\/\.env\b/,
  /\/\.git\//,
  /\bselect\b.+\bfrom\b/i,
  /<\?php/i,
]

/** Up to three rounds of URL decoding, then NFKC and lower case, as the prototype did. */
function decodeValue(v: string): string {
  let d = v
  for (let k = 0; k < 3 && d.includes('%'); k++) {
    try {
      const next = decodeURIComponent(d.replace(/\+/g, ' '))
      if (next === d) break
      d = next
    } catch {
      break
    }
  }
  return d.normalize('NFKC').toLowerCase()
}

interface ProtoLine {
  readonly request?: { uri?: unknown; headers?: Record<string, unknown>; body?: unknown }
  readonly client_ip?: unknown
  readonly started_at?: unknown
}

/**
 * One pass of the prototype over the lines: the regexes run over the decoded uri, every string header and
 * the body, and each client address keeps its last minute of timestamps. Returns a number built from what
 * it found, so the loop cannot be optimised away.
 */
export function prototypePass(lines: readonly string[]): number {
  const windows = new Map<string, number[]>()
  let hits = 0
  for (const l of lines) {
    const o = JSON.parse(l) as ProtoLine
    const r = o.request ?? {}
    const values = [decodeValue(String(r.uri ?? ''))]
    for (const k in r.headers ?? {}) {
      const v = r.headers?.[k]
      if (typeof v === 'string') values.push(decodeValue(v))
    }
    if (typeof r.body === 'string') values.push(decodeValue(r.body))
    for (const v of values) for (const rx of PROTOTYPE_REGEXES) if (rx.test(v)) hits++
    const ip = String(o.client_ip ?? '')
    const t = Number(o.started_at ?? 0)
    const w = windows.get(ip)
    if (!w) windows.set(ip, [t])
    else {
      w.push(t)
      while (w.length > 0 && (w[0] as number) < t - 60_000) w.shift()
    }
  }
  return hits + windows.size
}
