// Log4j lookups nest (`${${lower:j}ndi:…}`, `${::-j}`, `${env:X:-j}`): resolve the inner lookups the way
// Log4j would, innermost first, then look for the JNDI lookup that survives.

const INNER = /\$\{([^${}]{0,200})\}/g
const FORMAT_LOOKUP =
  /^(?:date|env|sys|main|ctx|java|bundle|map|sd|marker|web|docker|k8s|spring|log4j|event|jvmrunargs|base64|upper|lower)$/

function resolveOne(body: string): string | null {
  if (/^\s*jndi\s*:/.test(body)) return null
  const dflt = body.lastIndexOf(':-')
  if (dflt >= 0) return body.slice(dflt + 2)
  const colon = body.indexOf(':')
  if (colon < 0) return ''
  const kind = body.slice(0, colon).trim()
  const arg = body.slice(colon + 1)
  if (kind === 'lower' || kind === 'upper') return arg
  if (kind === 'date') return arg.replace(/'/g, '')
  return FORMAT_LOOKUP.test(kind) ? '' : null
}

// A lookup with no address in it, as a post or an advisory writes the pattern (`${jndi:…}`,
// `${jndi:ldap://...}`, `${jndi:<url>}`): nothing to call back to, so no exploit. Any host, even a
// made-up one, keeps it judged.
const PLACEHOLDER =
  /\$\{\s*jndi\s*:\s*(?:[a-z]{3,6}:\/\/)?(?:\.{2,}|<[^<>{}$]{1,30}>|x{2,}|\*{1,3})?\s*\}/g

/** Finds a JNDI lookup in decoded text, resolving nested lookups; returns its offset or -1. */
export function findJndiLookup(text: string): number {
  if (!text.includes('${')) return -1
  // blanked, not removed, so that offsets stay those of the value
  const decoded = text.replace(PLACEHOLDER, (m) => ' '.repeat(m.length))
  const direct = /\$\{\s*jndi\s*:/.exec(decoded)
  if (direct) return direct.index
  let cur = decoded
  for (let round = 0; round < 10; round++) {
    const next = cur.replace(INNER, (whole, body: string) => resolveOne(body) ?? whole)
    if (next === cur) break
    cur = next
    if (/\$\{\s*jndi\s*:/.test(cur)) return decoded.indexOf('${')
  }
  // An obfuscated lookup that resolves to nothing known is still a probe: `${${::-j}${::-n}…`
  return /\$\{[^}]{0,40}\$\{/.test(decoded) && /(?:lower|upper|::-|env:|date:)/.test(decoded)
    ? decoded.indexOf('${')
    : -1
}
