// Human names for categories and the sentence that titles an incident. One map, so the CLI, the store and
// notifications say the same thing.
import type { Category, EntityKind } from '../../../shared/model'

export const CATEGORY_NAMES: Readonly<Record<Category, string>> = {
  sqli: 'SQL injection',
  xss: 'Cross-site scripting',
  traversal: 'Path traversal',
  rce: 'Remote code execution',
  log4shell: 'Log4Shell exploitation',
  ssrf: 'Server-side request forgery',
  scanner: 'Vulnerability scanning',
  bruteforce: 'Brute force',
  'credential-stuffing': 'Credential stuffing',
  enumeration: 'Enumeration',
  'rate-spike': 'Rate spike',
  anomaly: 'Anomalous traffic',
  other: 'Suspicious activity',
}

const PREPOSITIONS: Readonly<Record<EntityKind, string>> = {
  ip: 'from',
  consumer: 'by consumer',
  route: 'on route',
}

/** "SQL injection from 203.0.113.7", "Brute force by consumer alice", "Rate spike on route /login". */
export function incidentTitle(category: Category, entityKind: EntityKind, entity: string): string {
  return `${CATEGORY_NAMES[category]} ${PREPOSITIONS[entityKind]} ${entity}`
}
