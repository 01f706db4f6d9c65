// A static check for regular expressions that can backtrack catastrophically: a quantified group that
// itself contains an unbounded quantifier ((a+)+), or alternatives under an unbounded quantifier that can
// start with the same character ((a|ab)*). It is conservative: a rule author rewrites a rejected pattern.

interface Group {
  start: number
  hasUnbounded: boolean
  alternatives: string[][] // first-character sets per alternative
  current: string[] | null
  empty: boolean
}

const ANY = '*any*'

function firstSet(src: string, i: number): { set: string[]; len: number } {
  const c = src[i]
  if (c === undefined) return { set: [], len: 0 }
  if (c === '\\') {
    const d = src[i + 1] ?? ''
    if (/[dDwWsSbB.]/.test(d)) return { set: [ANY], len: 2 }
    if (d === 'x')
      return { set: [String.fromCharCode(parseInt(src.slice(i + 2, i + 4), 16))], len: 4 }
    if (d === 'u')
      return { set: [String.fromCharCode(parseInt(src.slice(i + 2, i + 6), 16))], len: 6 }
    return { set: [d.toLowerCase()], len: 2 }
  }
  if (c === '[' || c === '.' || c === '(') return { set: [ANY], len: 1 }
  return { set: [c.toLowerCase()], len: 1 }
}

function overlaps(a: readonly string[], b: readonly string[]): boolean {
  if (a.includes(ANY) || b.includes(ANY)) return true
  return a.some((x) => b.includes(x))
}

/** Returns why a pattern is unsafe for a backtracking engine, or null when it passes. */
export function unsafeRegexReason(src: string): string | null {
  const stack: Group[] = []
  const top = (): Group | undefined => stack[stack.length - 1]
  let atAltStart = true
  for (let i = 0; i < src.length; i++) {
    const c = src[i]
    if (c === '\\') {
      if (atAltStart) {
        const g = top()
        if (g && g.current === null) g.current = firstSet(src, i).set
      }
      atAltStart = false
      i++
      continue
    }
    if (c === '[') {
      if (atAltStart) {
        const g = top()
        if (g && g.current === null) g.current = [ANY]
      }
      atAltStart = false
      // skip the class
      let j = i + 1
      if (src[j] === '^') j++
      if (src[j] === ']') j++
      while (j < src.length && src[j] !== ']') j += src[j] === '\\' ? 2 : 1
      i = j
      continue
    }
    if (c === '(') {
      if (atAltStart) {
        const g = top()
        if (g && g.current === null) g.current = [ANY]
      }
      let j = i + 1
      if (src[j] === '?') {
        j++
        if (src[j] === '<' && src[j + 1] !== '=' && src[j + 1] !== '!') {
          while (j < src.length && src[j] !== '>') j++
          j++
        } else j++
      }
      stack.push({ start: i, hasUnbounded: false, alternatives: [], current: null, empty: false })
      i = j - 1
      atAltStart = true
      continue
    }
    if (c === '|') {
      const g = top()
      if (g) {
        if (g.current === null) g.empty = true
        g.alternatives.push(g.current ?? [])
        g.current = null
      }
      atAltStart = true
      continue
    }
    if (c === ')') {
      const g = stack.pop()
      if (!g) return 'unbalanced parenthesis'
      if (g.current === null) g.empty = true
      g.alternatives.push(g.current ?? [])
      const q = quantifierAt(src, i + 1)
      if (q.unbounded) {
        if (g.hasUnbounded)
          return `nested quantifier: the group at ${g.start} repeats a repeated pattern, like (a+)+`
        if (g.alternatives.length > 1) {
          if (g.empty) return `an empty alternative under a quantifier at ${g.start}`
          for (let a = 0; a < g.alternatives.length; a++) {
            for (let b = a + 1; b < g.alternatives.length; b++) {
              if (overlaps(g.alternatives[a] ?? [], g.alternatives[b] ?? [])) {
                return `overlapping alternatives under a quantifier at ${g.start}, like (a|ab)*`
              }
            }
          }
        }
      }
      const parent = top()
      if (parent && (g.hasUnbounded || q.unbounded)) parent.hasUnbounded = true
      i += q.len
      atAltStart = false
      continue
    }
    const q = quantifierAt(src, i)
    if (q.len > 0) {
      const g = top()
      if (q.unbounded && g) g.hasUnbounded = true
      i += q.len - 1
      continue
    }
    if (atAltStart && c !== '^' && c !== '$') {
      const g = top()
      if (g && g.current === null) g.current = c === '.' ? [ANY] : [(c ?? '').toLowerCase()]
      atAltStart = false
    }
  }
  if (stack.length) return 'unbalanced parenthesis'
  return null
}

function quantifierAt(src: string, i: number): { len: number; unbounded: boolean } {
  const c = src[i]
  let len = 0
  let unbounded = false
  if (c === '*' || c === '+') {
    len = 1
    unbounded = true
  } else if (c === '?') len = 1
  else if (c === '{') {
    const m = /^\{(\d*)(,?)(\d*)\}/.exec(src.slice(i, i + 16))
    if (m) {
      len = m[0].length
      const max = m[3] ? Number(m[3]) : m[2] ? Infinity : Number(m[1])
      unbounded = max > 32
    }
  }
  if (len > 0 && src[i + len] === '?') len++
  return { len, unbounded }
}
