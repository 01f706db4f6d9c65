// Chart colours come from the theme's CSS variables, so charts follow the dark/light switch.
import type { Category, Severity, ThreatBand } from '../../../shared/model'

/** Reads a CSS custom property from the document root (falls back when unset). */
export function cssVar(name: string, fallback = '#888'): string {
  const v = getComputedStyle(document.documentElement).getPropertyValue(name).trim()
  return v || fallback
}

export const bandVar = (band: ThreatBand): string => `--band-${band}`
export const severityVar = (severity: Severity): string => `--sev-${severity}`

// Fixed per category, so a category keeps its colour as others come and go.
const CATEGORY_COLOURS: Readonly<Record<Category, string>> = {
  sqli: '#f85149',
  xss: '#db61a2',
  traversal: '#f0883e',
  rce: '#ff7b72',
  log4shell: '#d29922',
  ssrf: '#a371f7',
  scanner: '#58a6ff',
  bruteforce: '#e3b341',
  'credential-stuffing': '#ffa657',
  enumeration: '#79c0ff',
  'rate-spike': '#56d4dd',
  anomaly: '#bc8cff',
  other: '#8b949e',
}

export function categoryColour(category: string): string {
  return CATEGORY_COLOURS[category as Category] ?? '#8b949e'
}
