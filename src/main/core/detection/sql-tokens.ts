// A small SQL tokenizer and a judge of token sequences, in the spirit of libinjection: the input is read as
// if it were pasted into a query in three places (bare, inside '…', inside "…"), and only token shapes that
// are SQL rather than prose count: a quote followed by a logic operator and a comparison, UNION SELECT,
// a stacked statement, time or error functions. Words alone ("union pacific", "select sector") never do.
import { foldSql } from './decode'

export type TokenKind =
  | 'string' // quoted literal
  | 'number'
  | 'word' // identifier or unknown word
  | 'keyword'
  | 'logic' // and, or, xor, &&, ||, not
  | 'compare' // = <> != < > <= >= like regexp rlike is in between
  | 'op' // arithmetic and other operators
  | 'func' // word directly followed by '('
  | 'var' // @x, @@x
  | '('
  | ')'
  | ','
  | ';'
  | 'comment'

export interface Token {
  readonly kind: TokenKind
  readonly text: string
  readonly start: number
  /** For strings: closed by its quote before the end of input. */
  readonly closed?: boolean
}

const LOGIC = new Set(['and', 'or', 'xor', 'not', '&&', '||', 'div'])
const COMPARE_WORDS = new Set(['like', 'rlike', 'regexp', 'is', 'in', 'between', 'sounds', 'glob'])
const KEYWORDS = new Set([
  'select',
  'union',
  'insert',
  'update',
  'delete',
  'drop',
  'create',
  'alter',
  'exec',
  'execute',
  'declare',
  'shutdown',
  'truncate',
  'waitfor',
  'delay',
  'from',
  'where',
  'having',
  'group',
  'order',
  'by',
  'limit',
  'offset',
  'into',
  'values',
  'set',
  'table',
  'database',
  'null',
  'case',
  'when',
  'then',
  'else',
  'end',
  'as',
  'all',
  'distinct',
  'procedure',
  'outfile',
  'dumpfile',
  'true',
  'false',
  'top',
  'asc',
  'desc',
  'join',
  'on',
  'exists',
  'grant',
  'benchmark',
  'sleep',
  'information_schema',
])
const STACK_STARTERS = new Set([
  'select',
  'insert',
  'update',
  'delete',
  'drop',
  'create',
  'alter',
  'exec',
  'execute',
  'declare',
  'shutdown',
  'truncate',
  'waitfor',
  'grant',
  'set',
  'if',
  'begin',
  'call',
  'use',
  'load',
  'copy',
])
const TIME_FUNCS = new Set([
  'sleep',
  'benchmark',
  'pg_sleep',
  'randomblob',
  'dbms_lock.sleep',
  'dbms_pipe.receive_message',
  'pg_sleep_for',
  'sys.sleep',
])
// Functions error-based injection calls to leak data through the error message they raise.
const ERROR_LEAK_FUNCS: readonly string[] = [
  'extractvalue',
  'updatexml',
  'name_const',
  'geometrycollection',
  'multipoint',
  'polygon',
  'multipolygon',
  'linestring',
  'multilinestring',
  'xmltype',
  'utl_inaddr.get_host_name',
  'ctxsys.drithsx.sn',
  'gtid_subset',
  'dbms_xmlgen.getxml',
]
// …and ordinary functions that raise an error on a crafted argument (errorCall judges the call).
const ERROR_FUNCS = new Set([...ERROR_LEAK_FUNCS, 'exp', 'json_keys', 'convert', 'cast', 'floor'])
// Functions that read the database's identity or its files.
const IDENTITY_FUNCS: readonly string[] = [
  'version',
  'database',
  'user',
  'current_user',
  'system_user',
  'session_user',
  'schema',
  'db_name',
  'user_name',
  'host_name',
  'load_file',
  'current_database',
  'pg_read_file',
  'sqlite_version',
]
// Functions that read the database's identity or shape: harmless in prose only without the parenthesis.
const PROBE_FUNCS = new Set([
  ...IDENTITY_FUNCS,
  'concat',
  'concat_ws',
  'group_concat',
  'char',
  'chr',
  'ascii',
  'substring',
  'substr',
  'mid',
  'ord',
  'hex',
  'unhex',
  'md5',
  'if',
  'iif',
  'ifnull',
  'isnull',
  'is_srvrolemember',
  'openrowset',
  'opendatasource',
  'xp_cmdshell',
  'sp_executesql',
  'count',
  'length',
  'len',
  'rand',
  'nullif',
  'coalesce',
  'make_set',
  'elt',
  'lpad',
  'rpad',
  'char_length',
  'unicode',
  'nchar',
  'row',
  'instr',
  'left',
  'right',
  'reverse',
  'strcmp',
  'bin',
  'conv',
  'uuid',
  'sysdate',
  'now',
  'cursor',
  'decode',
  'table_name',
])

// [a-z0-9_$.] by char code: the tokenizer asks this of every character.
const WORD_CHAR = ((): Uint8Array => {
  const t = new Uint8Array(128)
  for (const ch of 'abcdefghijklmnopqrstuvwxyz0123456789_$.') t[ch.charCodeAt(0)] = 1
  return t
})()

function isWordCode(c: number): boolean {
  return c < 128 && WORD_CHAR[c] === 1
}

const NUMBER_WORD = /^(?:\d+(?:\.\d*)?(?:e[+-]?\d+)?|\.\d+|0x[0-9a-f]+|0b[01]+)$/

/** Tokenizes (lower-cased) text; a leading `quote` places the input inside that kind of literal. */
export function tokenize(text: string, maxTokens = 256): Token[] {
  const s = text
  const out: Token[] = []
  let i = 0
  const n = s.length
  while (i < n && out.length < maxTokens) {
    const c = s.charCodeAt(i)
    // space \t \n \v \f \r and `+`
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x2b) {
      // `+` is concatenation/arith in SQL but mostly a space left over from form encoding.
      if (
        c === 0x2b &&
        out.length &&
        s.charCodeAt(i + 1) !== 0x20 &&
        out[out.length - 1]?.kind !== 'op'
      ) {
        out.push({ kind: 'op', text: '+', start: i })
      }
      i++
      continue
    }
    if (c === 0x27 || c === 0x22 || c === 0x60) {
      let j = i + 1
      let closed = false
      while (j < n) {
        const d = s.charCodeAt(j)
        if (d === 0x5c) {
          j += 2
          continue
        }
        if (d === c) {
          if (s.charCodeAt(j + 1) === c) {
            j += 2
            continue
          }
          closed = true
          break
        }
        j++
      }
      const kind: TokenKind = c === 0x60 ? 'word' : 'string'
      out.push({ kind, text: s.slice(i + 1, Math.min(j, n)), start: i, closed })
      i = closed ? j + 1 : n
      continue
    }
    const c2 = s.charCodeAt(i + 1)
    if ((c === 0x2d && c2 === 0x2d) || c === 0x23) {
      out.push({ kind: 'comment', text: s.slice(i), start: i })
      break
    }
    if (c === 0x2f && c2 === 0x2a) {
      const end = s.indexOf('*/', i + 2)
      out.push({ kind: 'comment', text: s.slice(i, end < 0 ? n : end + 2), start: i })
      i = end < 0 ? n : end + 2
      continue
    }
    if (c === 0x28 || c === 0x29 || c === 0x2c || c === 0x3b) {
      const ch = s[i] as '(' | ')' | ',' | ';'
      out.push({ kind: ch, text: ch, start: i })
      i++
      continue
    }
    // PostgreSQL's containment and text-search operators (@>, @@ before a non-word) compare like `=`:
    // `'{"a":1}'::jsonb @> '{}'` holds for every row.
    if (c === 0x40 && (c2 === 0x3e || (c2 === 0x40 && !isWordCode(s.charCodeAt(i + 2))))) {
      out.push({ kind: 'compare', text: s.slice(i, i + 2), start: i })
      i += 2
      continue
    }
    if (c === 0x40) {
      let j = i + 1
      while (j < n) {
        const d = s.charCodeAt(j)
        if (d !== 0x40 && !isWordCode(d)) break
        j++
      }
      out.push({ kind: 'var', text: s.slice(i, j), start: i })
      i = j
      continue
    }
    if (isWordCode(c)) {
      let j = i + 1
      while (j < n && isWordCode(s.charCodeAt(j))) j++
      const w = s.slice(i, j)
      let k = j
      while (k < n && (s.charCodeAt(k) === 0x20 || s.charCodeAt(k) === 0x09)) k++
      let kind: TokenKind
      if (NUMBER_WORD.test(w)) kind = 'number'
      else if (LOGIC.has(w)) kind = 'logic'
      else if (COMPARE_WORDS.has(w)) kind = 'compare'
      else if (s.charCodeAt(k) === 0x28) kind = 'func'
      else if (KEYWORDS.has(w)) kind = 'keyword'
      else kind = 'word'
      out.push({ kind, text: w, start: i })
      i = j
      continue
    }
    // PostgreSQL's cast (`'1'::int`, `'{}'::jsonb`, `x::text[]`) belongs to its operand: read past it.
    if (c === 0x3a && c2 === 0x3a) {
      let j = i + 2
      while (j < n && (s.charCodeAt(j) === 0x20 || s.charCodeAt(j) === 0x09)) j++
      const from = j
      while (j < n && isWordCode(s.charCodeAt(j))) j++
      if (j > from) {
        while (s.charCodeAt(j) === 0x5b && s.charCodeAt(j + 1) === 0x5d) j += 2
        i = j
        continue
      }
    }
    // operators: longest of a small set
    if (c === 0x3c && c2 === 0x40) {
      out.push({ kind: 'compare', text: '<@', start: i })
      i += 2
    } else if (c === 0x3c && c2 === 0x3d && s.charCodeAt(i + 2) === 0x3e) {
      out.push({ kind: 'compare', text: '<=>', start: i })
      i += 3
    } else if ((c === 0x26 && c2 === 0x26) || (c === 0x7c && c2 === 0x7c)) {
      out.push({ kind: 'logic', text: s.slice(i, i + 2), start: i })
      i += 2
    } else if (
      (c2 === 0x3d && (c === 0x3c || c === 0x3e || c === 0x21 || c === 0x3d)) ||
      (c === 0x3c && c2 === 0x3e)
    ) {
      out.push({ kind: 'compare', text: s.slice(i, i + 2), start: i })
      i += 2
    } else if (c === 0x3d || c === 0x3c || c === 0x3e) {
      out.push({ kind: 'compare', text: s[i] as string, start: i })
      i++
    } else {
      out.push({ kind: 'op', text: s[i] as string, start: i })
      i++
    }
  }
  return out
}

export interface SqlVerdict {
  readonly reason: string
  /** Offset in the judged text where the SQL starts. */
  readonly start: number
  readonly confidence: number
}

const OPERAND = new Set<TokenKind>(['number', 'string', 'word', 'var', 'func', 'keyword'])

// What can open a bracketed SQL expression: a subquery or CASE, a call, a literal, a column, a variable.
const SQL_OPERAND_START: ReadonlySet<TokenKind> = new Set<TokenKind>([
  'keyword',
  'func',
  'number',
  'string',
  'word',
  'var',
  '(',
])

function at(t: readonly Token[], i: number): Token | undefined {
  return t[i]
}

// What may follow a bracketed SQL operand: an operator, a comparison or logic, another quote, the end of
// the statement or a comment.
const OPERAND_END: ReadonlySet<TokenKind> = new Set<TokenKind>([
  'op',
  'compare',
  'logic',
  'string',
  ';',
  ',',
  ')',
  'comment',
  'keyword',
])

/** True when `tk`, after a bracketed operand, goes on as SQL: an operator (not a regex's `[` class), a
 * comparison, a quote, the end. */
function operandEnds(tk: Token | undefined): boolean {
  return tk === undefined || (OPERAND_END.has(tk.kind) && tk.text !== '[')
}

/** The index of the `)` closing the bracket opened at `open`, or the last token's when it never closes. */
function closingBracket(t: readonly Token[], open: number): number {
  let depth = 0
  for (let i = open; i < t.length; i++) {
    const kind = t[i]?.kind
    if (kind === '(') depth++
    else if (kind === ')' && --depth === 0) return i
  }
  return t.length - 1
}

// After a break-out (a closed literal, a number, or the start), does an injected condition follow?
function conditionAfter(t: readonly Token[], i: number, quoted: boolean): string | null {
  let k = i
  while (at(t, k)?.kind === ')') k++
  const logic = at(t, k)
  if (!logic || logic.kind !== 'logic' || logic.text === 'not' || logic.text === 'div') return null
  k++
  while (at(t, k)?.kind === '(' || at(t, k)?.text === 'not' || at(t, k)?.text === '!') k++
  const a = at(t, k)
  if (!a) return null
  if (a.kind === 'func') return 'condition calls a function'
  if (a.kind === 'keyword' && (a.text === 'select' || a.text === 'exists'))
    return 'condition with a subquery'
  if (a.kind === 'keyword' && (a.text === 'true' || a.text === 'false' || a.text === 'null')) {
    return 'boolean tautology'
  }
  if (!OPERAND.has(a.kind) && a.kind !== 'op') return null
  let j = k + 1
  if (a.kind === 'op' && a.text === '-') j = k + 2 // negative number
  while (at(t, j)?.kind === ')') j++
  // arithmetic on the left side: 1+1=2, 2-1=1
  while (at(t, j)?.kind === 'op' && at(t, j + 1) && OPERAND.has(at(t, j + 1)?.kind ?? 'op')) j += 2
  const b = at(t, j)
  if (!b || b.kind === 'comment' || b.kind === ';') {
    // `' or 1--`, `' or 'x'` (the quote of the query closes it). Unquoted, nothing closes a string
    // left open: a word such as `or'ly#2026` (a password) reads as OR and a quote, not as a condition.
    if (a.kind === 'number' || (a.kind === 'string' && (quoted || a.closed)))
      return 'always-true condition'
    return null
  }
  if (b.kind === 'compare') {
    const c = at(t, j + 1)
    if (!c)
      return a.kind === 'string' || a.kind === 'number'
        ? 'comparison left open for the query'
        : null
    if (OPERAND.has(c.kind) || c.kind === '(' || c.kind === 'op') {
      // prose like "or px <= 2800" has words on the left; SQL compares literals or columns to literals.
      // word = other word counts only when the rest of the query is commented out.
      if (a.kind === 'word' && c.kind === 'word' && a.text !== c.text) {
        const d = at(t, j + 2)
        return d?.kind === 'comment' ? 'injected comparison' : null
      }
      return 'injected comparison'
    }
  }
  // A phrase of words joined to another term (`ceo and ("insider selling" or "buyback")`) is a search
  // engine's boolean query; a break-out joins a number or a token: `' or 'x' or '`.
  if (b.kind === 'logic' && (a.kind === 'number' || (a.kind === 'string' && !/\s/.test(a.text))))
    return 'always-true condition'
  if (b.kind === 'string' && a.kind === 'string') return 'always-true condition'
  return null
}

const CATALOG_WORD =
  /^(?:information_schema|sysobjects|syscolumns|sys\.objects|pg_catalog|sqlite_master|mysql\.user|all_tables|user_tables|msysobjects|pg_shadow|sys\.tables)\b/

/** True when `tk` starts right where a word or number `prev` ends, with nothing between. */
function gluedToWord(prev: Token | undefined, tk: Token): boolean {
  return (
    prev !== undefined &&
    (prev.kind === 'word' || prev.kind === 'number') &&
    prev.start + prev.text.length === tk.start
  )
}

function judgeTokens(t: readonly Token[], quoted: boolean): SqlVerdict | null {
  const n = t.length
  for (let i = 0; i < n; i++) {
    const tk = t[i]
    if (!tk) break
    const next = t[i + 1]
    // UNION [ALL|DISTINCT] [(] SELECT
    if (tk.text === 'union') {
      let k = i + 1
      if (t[k]?.text === 'all' || t[k]?.text === 'distinct') k++
      while (t[k]?.kind === '(') k++
      if (t[k]?.text === 'select' && t[k + 1])
        return { reason: 'UNION SELECT', start: tk.start, confidence: 0.95 }
    }
    // stacked statement
    if (tk.kind === ';' && next && STACK_STARTERS.has(next.text)) {
      const v = stacked(t, i + 1)
      if (v) return { reason: v, start: tk.start, confidence: 0.9 }
    }
    if (tk.kind === 'func') {
      const arg = t[i + 2]
      if (
        TIME_FUNCS.has(tk.text) &&
        (arg?.kind === 'number' ||
          arg?.kind === 'string' ||
          arg?.kind === 'func' ||
          arg?.kind === 'op')
      ) {
        return { reason: `time delay ${tk.text}()`, start: tk.start, confidence: 0.92 }
      }
      if (ERROR_FUNCS.has(tk.text) && errorCall(t, i)) {
        return { reason: `error-based ${tk.text}()`, start: tk.start, confidence: 0.88 }
      }
    }
    if ((tk.text === 'where' || tk.text === 'having') && literalComparison(t, i + 1)) {
      return {
        reason: `${tk.text.toUpperCase()} with a literal comparison`,
        start: tk.start,
        confidence: 0.85,
      }
    }
    if (tk.text === 'case' && next?.text === 'when') {
      const then = t.slice(i + 2, i + 24).findIndex((x) => x.text === 'then')
      if (then >= 0 && t.slice(i + 2, i + 2 + then).some((x) => x.kind === 'compare')) {
        return { reason: 'CASE WHEN condition', start: tk.start, confidence: 0.8 }
      }
    }
    if (
      tk.kind === 'compare' &&
      tk.text === 'like' &&
      next?.kind === 'string' &&
      /^%+$/.test(next.text)
    ) {
      return { reason: "LIKE '%' wildcard", start: tk.start, confidence: 0.75 }
    }
    if (
      tk.text === 'delay' &&
      next?.kind === 'string' &&
      /^\d{1,2}:\d{1,2}:\d{1,2}/.test(next.text)
    ) {
      return { reason: 'WAITFOR DELAY', start: tk.start, confidence: 0.9 }
    }
    if (
      (tk.text === 'if' || tk.text === 'iif') &&
      tk.kind === 'func' &&
      literalComparison(t, i + 2)
    ) {
      return { reason: 'conditional on a literal comparison', start: tk.start, confidence: 0.8 }
    }
    if (tk.text === 'waitfor' && (next?.text === 'delay' || next?.text === 'time')) {
      return { reason: 'WAITFOR DELAY', start: tk.start, confidence: 0.92 }
    }
    // A server variable (@@version), not `@@` glued to a word: an e-mail address typed with two @.
    if (tk.kind === 'var' && tk.text.startsWith('@@') && !gluedToWord(t[i - 1], tk)) {
      return { reason: 'server variable', start: tk.start, confidence: 0.85 }
    }
    if (tk.text === 'select') {
      const v = selectStatement(t, i)
      if (v) return { reason: v, start: tk.start, confidence: 0.85 }
    }
    if (tk.kind === 'word' && CATALOG_WORD.test(tk.text)) {
      return { reason: 'system catalog', start: tk.start, confidence: 0.85 }
    }
    if (
      tk.kind === 'keyword' &&
      (tk.text === 'outfile' || tk.text === 'dumpfile') &&
      t[i - 1]?.text === 'into'
    ) {
      return { reason: 'INTO OUTFILE', start: tk.start, confidence: 0.9 }
    }
  }
  // break-out points: after the literal opened by the query (quoted context), or at the start
  const first = t[0]
  if (!first) return null
  const breakAt: number[] = []
  if (quoted) {
    if (first.kind === 'string' && first.closed) breakAt.push(1)
  } else {
    breakAt.push(0)
    if (first.kind === 'number' || (first.kind === 'word' && t[1]?.kind !== 'word')) breakAt.push(1)
    if (first.kind === 'op' && first.text === '-' && t[1]?.kind === 'number') breakAt.push(2)
    const closed = appBracketClosed(t)
    if (closed > 0) breakAt.push(closed)
  }
  for (const b of breakAt) {
    const start = t[b]?.start ?? 0
    const cond = conditionAfter(t, b, quoted)
    if (cond) return { reason: cond, start, confidence: b === 0 && !quoted ? 0.75 : 0.9 }
    const v = afterBreakout(t, b, quoted)
    if (v) return { reason: v, start, confidence: 0.85 }
  }
  return null
}

/**
 * A value that is itself a condition an application wraps in brackets (`WHERE (` + filter + `)`, a
 * report's or screener's filter): a comparison with a literal followed by a `)` the value never opened
 * (`status = 'open') or 1=1 --`) closes the application's bracket, and what follows is the attacker's.
 * Returns the index of that `)`, or -1.
 */
function appBracketClosed(t: readonly Token[]): number {
  let depth = 0
  for (let i = 0; i < t.length; i++) {
    const kind = t[i]?.kind
    if (kind === '(') depth++
    else if (kind === ')' && --depth < 0) {
      const lit = t[i - 1]
      const closedLiteral =
        lit !== undefined && (lit.kind === 'number' || (lit.kind === 'string' && lit.closed))
      return closedLiteral && t[i - 2]?.kind === 'compare' ? i : -1
    }
  }
  return -1
}

function afterBreakout(t: readonly Token[], b: number, quoted: boolean): string | null {
  let k = b
  while (t[k]?.kind === ')') k++
  const a = t[k]
  if (!a) return null
  if (
    quoted &&
    k > 0 &&
    a.kind === 'comment' &&
    (a.text.startsWith('--') || a.text.startsWith('#') || a.text.startsWith('/*'))
  ) {
    return 'quote closed and the rest commented out'
  }
  if (quoted && a.kind === ';' && (!t[k + 1] || t[k + 1]?.kind === 'comment'))
    return 'quote closed and statement ended'
  if ((a.text === 'order' || a.text === 'group') && t[k + 1]?.text === 'by') {
    const c = t[k + 2]
    if (
      c &&
      (c.kind === 'number' || c.kind === 'func' || (quoted && c.kind === 'word')) &&
      (!t[k + 3] ||
        t[k + 3]?.kind === 'comment' ||
        t[k + 3]?.kind === ',' ||
        t[k + 3]?.kind === 'keyword' ||
        t[k + 3]?.kind === 'logic')
    ) {
      return 'ORDER BY column probe'
    }
  }
  if (
    STACK_STARTERS.has(a.text) &&
    (quoted ||
      k > 0 ||
      /^(?:insert|delete|drop|create|exec|execute|declare|shutdown|truncate|waitfor)$/.test(a.text))
  ) {
    const st = stacked(t, k)
    if (
      st &&
      (a.text !== 'update' || quoted || k > 0 || t[k + 4]?.kind === 'compare') &&
      (quoted || k > 0 || !proseAfterDdl(t, k))
    )
      return st.replace('stacked ', 'statement ')
  }
  if (
    quoted &&
    k === 1 &&
    t[0]?.text === '' &&
    (a.kind === 'op' || a.kind === 'compare' || a.kind === 'logic') &&
    t[k + 1]?.kind === 'string'
  ) {
    return 'operator between quotes'
  }
  if (
    quoted &&
    a.kind === 'compare' &&
    t[k + 1] &&
    (t[k + 1]?.kind === 'number' || t[k + 1]?.kind === 'string') &&
    (!t[k + 2] || t[k + 2]?.kind === 'comment')
  ) {
    return 'comparison after quote'
  }
  if (a.text === 'having' && OPERAND.has(t[k + 1]?.kind ?? 'op') && t[k + 2]?.kind === 'compare')
    return 'HAVING probe'
  // `'+(select …)+'`, `'^sleep(3)^'`: what is concatenated is SQL (a bracket opening onto a regular
  // expression's `(?P<name>` after a quoted r"^" in code is not, nor is an anchored alternation
  // `'^(aapl|msft)$'` handed to grep: its bracket closes onto `$`, where SQL goes on with an operator, a
  // quote or nothing)
  if (
    quoted &&
    a.kind === 'op' &&
    (a.text === '+' || a.text === '|' || a.text === '^' || a.text === '*') &&
    (t[k + 1]?.kind === 'func' ||
      (t[k + 1]?.kind === '(' &&
        SQL_OPERAND_START.has(t[k + 2]?.kind ?? ';') &&
        operandEnds(t[closingBracket(t, k + 1) + 1])))
  ) {
    return 'concatenated expression after quote'
  }
  if (quoted && a.kind === 'logic' && a.text === '||' && t[k + 1])
    return 'concatenated expression after quote'
  if (a.text === 'limit' && t[k + 1]?.kind === 'number') {
    const after = t[k + 2]
    if (
      !after ||
      after.kind === 'comment' ||
      after.kind === ',' ||
      after.text === 'offset' ||
      after.kind === ';'
    )
      return 'LIMIT clause after break-out'
  }
  if (
    (a.text === 'procedure' && t[k + 1]?.kind === 'func') ||
    (a.text === 'into' &&
      (t[k + 1]?.text === 'outfile' || t[k + 1]?.text === 'dumpfile' || t[k + 1]?.kind === 'var'))
  ) {
    return `${a.text.toUpperCase()} clause after break-out`
  }
  if (
    a.kind === 'logic' &&
    a.text !== 'not' &&
    t[k + 1]?.kind === 'func' &&
    PROBE_FUNCS.has(t[k + 1]?.text ?? '')
  ) {
    return 'condition calls a function'
  }
  return null
}

// `1=1`, `'a'='a'`, `(7=7)`: two literals compared (columns are not literals, prose rarely has `=`).
function literalComparison(t: readonly Token[], i: number): boolean {
  let k = i
  while (t[k]?.kind === '(') k++
  const a = t[k]
  const op = t[k + 1]
  let c = t[k + 2]
  if (c?.kind === '(') c = t[k + 3]
  if (!a || !op || !c || op.kind !== 'compare') return false
  const lit = (x: Token): boolean => x.kind === 'number' || x.kind === 'string'
  return lit(a) && lit(c)
}

function stacked(t: readonly Token[], i: number): string | null {
  const w = t[i]?.text
  const x = t[i + 1]
  const y = t[i + 2]
  if (!x) return w === 'shutdown' ? 'stacked SHUTDOWN' : null
  switch (w) {
    case 'select':
      return x.kind === 'func' ||
        x.kind === 'number' ||
        x.kind === 'var' ||
        x.text === '*' ||
        fromWithoutProse(t, i)
        ? 'stacked SELECT'
        : null
    case 'insert':
      return x.text === 'into' ? 'stacked INSERT' : null
    case 'update':
      return y?.text === 'set' ? 'stacked UPDATE' : null
    case 'delete':
      return x.text === 'from' ? 'stacked DELETE' : null
    case 'create':
      // a user or role, with a password or powers (MySQL's IDENTIFIED BY, PostgreSQL's WITH …)
      if (
        (x.text === 'user' || x.text === 'role') &&
        t
          .slice(i + 2, i + 8)
          .some((k) => /^(?:identified|password|superuser|createrole|login|with)$/.test(k.text))
      )
        return `stacked CREATE ${x.text.toUpperCase()}`
      return /^(?:table|database|schema|view|procedure|function|index|login|trigger|extension|server)$/.test(
        x.text,
      )
        ? 'stacked CREATE'
        : null
    case 'drop':
    case 'alter':
    case 'truncate':
      return /^(?:table|database|user|role|schema|view|procedure|function|index|login|trigger|system)$/.test(
        x.text,
      )
        ? `stacked ${w.toUpperCase()}`
        : null
    case 'exec':
    case 'execute':
      return x.kind === 'func' ||
        /^(?:xp_|sp_|master\.|sys\.|dbms_)/.test(x.text) ||
        x.kind === 'var' ||
        x.kind === '('
        ? 'stacked EXEC'
        : null
    case 'grant':
      return x.text === 'all' || t.slice(i + 1, i + 6).some((k) => k.text === 'to')
        ? 'stacked GRANT'
        : null
    case 'declare':
      return x.kind === 'var' ? 'stacked DECLARE' : null
    case 'waitfor':
      return x.text === 'delay' || x.text === 'time' ? 'stacked WAITFOR' : null
    case 'set':
      return x.kind === 'var' ? 'stacked SET' : null
    case 'if':
      // T-SQL's `IF (cond) <statement>`: the bracket must close onto a statement, as `; if (1=1) waitfor
      // delay …` does; a rule language's `if (book == 'x') then …` is not SQL. MySQL's IF() is a function.
      if (x.kind === '(') {
        const after = t[closingBracket(t, i + 1) + 1]
        return after &&
          (STACK_STARTERS.has(after.text) || /^(?:begin|print|raiserror)$/.test(after.text))
          ? 'stacked IF'
          : null
      }
      return x.kind === 'func' ? 'stacked IF' : null
    case 'call':
    case 'copy':
    case 'load':
      return x.kind === '(' || x.kind === 'func' || x.text === 'data'
        ? `stacked ${w.toUpperCase()}`
        : null
    default:
      return x.kind === 'func' ? 'stacked statement' : null
  }
}

function errorCall(t: readonly Token[], i: number): boolean {
  const name = t[i]?.text
  const a = t[i + 2]
  if (!a) return false
  if (name === 'convert')
    return (
      a.kind === 'word' &&
      /^(?:int|integer|varchar|nvarchar|char)$/.test(a.text) &&
      t[i + 3]?.kind === ','
    )
  if (name === 'cast')
    return (
      t.slice(i, i + 40).some((k) => k.text === 'as') &&
      t.slice(i, i + 40).some((k) => k.kind === 'func' || k.kind === 'keyword' || k.kind === 'var')
    )
  if (name === 'exp') return a.kind === 'op' && a.text === '~'
  if (name === 'floor') return a.kind === 'func' && a.text === 'rand'
  // extractvalue(1, concat(...)), updatexml(…): always a comma-separated call
  return t
    .slice(i + 2, i + 30)
    .some((k) => k.kind === ',' || k.kind === 'func' || k.kind === 'keyword')
}

// `select … from` within a few tokens, without a sentence break or a run of three plain words between
// (prose: "please select the account, then pick from the list").
/**
 * A value that opens with DROP/TRUNCATE TABLE (no quote broken out of) is a statement only when it reads
 * as one: the object's name (after IF EXISTS), more names after commas, CASCADE/RESTRICT/PURGE, then the
 * end, a ';' or a comment. More plain words after the name are a sentence ("drop table tennis results").
 */
function proseAfterDdl(t: readonly Token[], i: number): boolean {
  const w = t[i]?.text
  if (w !== 'drop' && w !== 'truncate') return false
  let j = i + 2
  if (t[j]?.text === 'if' && t[j + 1]?.text === 'exists') j += 2
  if (t[j]?.kind !== 'word') return false
  j++
  while (t[j]?.kind === ',' && t[j + 1]?.kind === 'word') j += 2
  if (/^(?:cascade|restrict|purge)$/.test(t[j]?.text ?? '')) j++
  const next = t[j]
  return next !== undefined && next.kind !== ';' && next.kind !== 'comment'
}

function fromWithoutProse(t: readonly Token[], i: number): boolean {
  let wordRun = 0
  for (let k = i + 1; k < Math.min(t.length, i + 12); k++) {
    const tk = t[k]
    if (!tk || tk.kind === ';') return false
    if (tk.text === 'from') return true
    if ((tk.kind === 'word' || tk.kind === 'keyword') && !SELECT_MODIFIERS.has(tk.text)) {
      if (++wordRun >= 3) return false
    } else wordRun = 0
  }
  return false
}

const SELECT_MODIFIERS = new Set(['as', 'all', 'distinct', 'top', 'from', 'null'])

// Functions a report has no use for: the database's identity and files, and the calls error-based
// injection abuses to leak data through error messages (now(), cast(), concat() are what reports use).
const NOT_IN_REPORTS: ReadonlySet<string> = new Set([
  ...IDENTITY_FUNCS,
  'char',
  'chr',
  ...ERROR_LEAK_FUNCS,
])

// Tables of the database itself (SQL Server's sys*, master.., PostgreSQL's pg_*, MySQL's mysql.*, Oracle's
// all_ / dba_ / v$ views, SQLite's and Access's): a query over them maps the server, whatever its shape.
const SYSTEM_TABLE =
  /^(?:sys|pg_|mysql\.|master\.|msdb\.|tempdb\.|information_schema|all_|dba_|v\$|sqlite_|msys)/

/**
 * A value that is, from its first word, one whole read query over the application's own tables: a query
 * language endpoint's statement, a saved report, an analyst's query with UNION ALL, subqueries, CASE,
 * GROUP BY / HAVING, window functions, a WITH clause and comments. Injection has to break out of the query
 * the application builds, so a value that is a query from its first word is not injected into one; it is
 * read in the quoted contexts only (where a break-out hidden in one of its literals still shows). What no
 * read query needs keeps it judged: a second statement, INTO, a server variable, an identity, file,
 * delaying or error-raising function, an unclosed string or bracket, the database's own tables.
 */
function wholeReadQuery(t: readonly Token[]): boolean {
  const first = t[0]
  if (!first) return false
  if (first.text === 'with') {
    const k = t[1]?.text === 'recursive' ? 2 : 1
    if (t[k]?.kind !== 'word' || t[k + 1]?.text !== 'as' || t[k + 2]?.kind !== '(') return false
  } else if (first.text !== 'select') return false
  let from = false
  let depth = 0
  for (let k = 1; k < t.length; k++) {
    const tk = t[k] as Token
    if (tk.kind === 'var') return false
    if (tk.kind === ';') {
      // only at the end, a comment at most after it
      if (t.slice(k + 1).some((r) => r.kind !== 'comment')) return false
      continue
    }
    if (tk.kind === '(') depth++
    else if (tk.kind === ')' && --depth < 0) return false
    if (tk.kind === 'string' && !tk.closed) return false
    if (tk.text === 'into' || tk.text === 'outfile' || tk.text === 'dumpfile') return false
    if (tk.kind === 'func' && (TIME_FUNCS.has(tk.text) || NOT_IN_REPORTS.has(tk.text))) return false
    if ((tk.text === 'from' || tk.text === 'join') && t[k + 1]?.kind === 'word') {
      if (SYSTEM_TABLE.test(t[k + 1]?.text ?? '')) return false
      from = true
    }
  }
  return from && depth === 0
}

/**
 * The tokens to judge in the bare reading: none for a whole read query, the prose before it for a message
 * that asks about one (a question, then the query from the start of a line to the end: "Why is this slow?
 * EXPLAIN shows a seq scan.\nSELECT …"), else all of them. Lines are read in `decoded`, before folding.
 */
function outsideReadQuery(decoded: string, t: readonly Token[]): readonly Token[] {
  if (wholeReadQuery(t)) return []
  const m = QUERY_LINE.exec(decoded)
  if (!m || m.index === 0) return t
  return wholeReadQuery(tokenize(sqlText(decoded.slice(m.index + m[0].length))))
    ? tokenize(sqlText(decoded.slice(0, m.index + 1)))
    : t
}

// Where a message's read query begins: at the start of a line, or after a question or a colon ("What
// does the 1=1 do here? SELECT …").
const QUERY_LINE = /(?:\n|[?:][ \t])[ \t]{0,8}(?=(?:select|with)\b)/

function selectStatement(t: readonly Token[], i: number): string | null {
  const prev = t[i - 1]
  const x = t[i + 1]
  if (!x) return null
  const sqlPrefix =
    !prev ||
    prev.kind === '(' ||
    prev.kind === ';' ||
    prev.kind === 'string' ||
    prev.kind === 'logic' ||
    prev.kind === 'compare' ||
    prev.kind === ','
  if (!sqlPrefix) return null
  if (
    x.kind === 'var' ||
    (x.kind === 'func' && (PROBE_FUNCS.has(x.text) || TIME_FUNCS.has(x.text)))
  )
    return 'SELECT of a function or variable'
  // a whole statement as the value: `select current_setting('port');`, `select session_user;`
  if (!prev && (x.kind === 'func' || x.kind === 'word' || x.kind === 'keyword')) {
    const end = t[i + (x.kind === 'func' ? 2 : 2)]
    if (
      x.kind === 'func' &&
      t[i + 2]?.kind === '(' &&
      (t[i + 3]?.kind === ')' || t[i + 3]?.kind === 'string' || t[i + 3]?.kind === 'number')
    )
      return 'SELECT statement'
    if (end && (end.kind === ';' || end.kind === 'comment')) return 'SELECT statement'
  }
  // jq's select(.field == …) has the shape of `(select(`, but a path that starts with a dot is no SQL
  // operand (SQL writes .5 as a number, never .name).
  const jqPath = x.kind === '(' && /^\.[a-z_]/.test(t[i + 2]?.text ?? '')
  if (prev?.kind === '(' && (x.kind === '(' || x.text === 'case') && !jqPath) return 'subquery'
  let sawFrom = false
  let sawList = false
  // Prose ("select the union pacific lot, drop the rest; … from the blotter") has runs of plain words
  // and sentence breaks; a select list has single operands (an alias at most) between commas.
  let wordRun = 0
  for (let k = i + 1; k < Math.min(t.length, i + 16); k++) {
    const tk = t[k]
    if (!tk || tk.kind === ';') break
    if ((tk.kind === 'word' || tk.kind === 'keyword') && !SELECT_MODIFIERS.has(tk.text)) {
      if (++wordRun >= 3) break
    } else wordRun = 0
    if (tk.kind === ',' || tk.text === '*' || tk.kind === 'func' || tk.text === 'null')
      sawList = true
    if (tk.text === 'from') {
      sawFrom = true
      // `select name from sysusers`: one column of the server's own tables is enough
      if (SYSTEM_TABLE.test(t[k + 1]?.text ?? '')) sawList = true
      break
    }
  }
  if (sawFrom && (sawList || prev?.kind === '(')) return 'SELECT … FROM'
  if (prev?.kind === '(' && (x.kind === 'number' || x.kind === 'func' || x.text === 'null'))
    return 'subquery'
  return null
}

// Characters or words without which no judged shape can appear: skips most values cheaply. Two
// regexes, the character class alone first: one alternation of both took twice as long on values
// with neither (0.16 against 0.07 µs for a 44-character symbol list), and a value holds one of the
// alternatives somewhere exactly when it holds one of them in either regex.
const INTEREST_CHARS = /['"();#=@<>|&\u2018\u2019\u2032-]/
const INTEREST_WORDS =
  /\b(?:and|or|xor|where|exec|create|grant|insert|drop|delete|update|like)\b|union|select|sleep|benchmark|waitfor|order|having/
// Typographic quotes and dashes stand in for ' and - in payloads pasted through word processors; they
// count as what they imitate (prose with O’Brien is then judged exactly like O'Brien).
const LOOKALIKES = /[\u2018\u2019\u201b\u2032\u2035\u02bc\u2013\u2014]/g
const LOOKALIKE_MAP: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201b': "'",
  '\u2032': "'",
  '\u2035': "'",
  '\u02bc': "'",
  '\u2013': '-',
  '\u2014': '-',
}

// Values of these characters only (ids, dates, paths: `algo-twap-03-2c585d5f`, `/api/v1/orders`) hold no
// quote, bracket, `;`, `@`, `#`, comparison, `+`, space or look-alike: foldSql leaves them as they are and
// they tokenize as words and numbers that are never adjacent (a `-`, `/` or `:` operator, or a `--`
// comment that ends the input, is always between two). Without the words below (`select` as a substring,
// the logic, statement and LIKE words whole, catalog names), no shape judgeTokens looks for can form:
// there is no function, string, variable, `;`, comparison after a literal, or logic operator other than
// `not`/`div` (which open no condition), and every keyword that needs a neighbour (`union … select`,
// `order by`, `waitfor delay`, `having x =`, `limit 1`, a stacked statement's object) finds an operator.
// sqlInteresting lets them in for a `-` (or `order`, `having`, `union`…); judging them is skipped.
const INERT_CHARS = /^[a-z0-9_.$:/-]*$/
const RISKY_WORDS =
  /select|\b(?:and|or|xor|where|exec|create|grant|insert|drop|delete|update|like)\b|information_schema|sysobjects|syscolumns|sys\.objects|pg_catalog|sqlite_master|mysql\.user|all_tables|user_tables|msysobjects|pg_shadow|sys\.tables/

/** True when the value holds a character or word without which no judged shape can appear. */
export function sqlInteresting(decoded: string): boolean {
  return INTEREST_CHARS.test(decoded) || INTEREST_WORDS.test(decoded)
}

/**
 * For a value sqlInteresting lets in: true when judgeSqlFully is known to find nothing in it, without
 * tokenizing (see INERT_CHARS). (A lone `shutdown` is a verdict, but sqlInteresting never lets it in.)
 */
export function sqlInert(decoded: string): boolean {
  return INERT_CHARS.test(decoded) && !RISKY_WORDS.test(decoded)
}

/** What the tokenizer reads: comments and whitespace games folded, look-alike quotes and dashes as such. */
function sqlText(decoded: string): string {
  return foldSql(decoded).replace(LOOKALIKES, (c) => LOOKALIKE_MAP[c] ?? c)
}

/** Judges a decoded, lower-cased value as SQL injection in any of three quoting contexts. */
export function judgeSql(decoded: string): SqlVerdict | null {
  if (!sqlInteresting(decoded) || sqlInert(decoded)) return null
  return judgeSqlFully(decoded)
}

/** judgeSql without the cheap rejections in front (for tests: they must never change a verdict). */
export function judgeSqlFully(decoded: string): SqlVerdict | null {
  const text = sqlText(decoded)
  const bare = judgeTokens(outsideReadQuery(decoded, tokenize(text)), false)
  if (bare) return bare
  for (const q of ["'", '"']) {
    if (!text.includes(q)) continue
    const v = judgeTokens(tokenize(q + text), true)
    if (v) return { ...v, start: Math.max(0, v.start - 1) }
  }
  return null
}
