// An identifier given twice with different values, one of them the record the path already names:
// `/accounts/ACC-1/statements?account_id=ACC-1&account_id=ACC-2`. The gateway, the access check and the
// handler may each read a different copy (the first, the last, or all joined), so an access check passed
// for the caller's own record while the handler fetches another's (IDOR through parameter pollution). A
// client that means several records names them once each, or in a list parameter, not both ways at once.
import { decodeForMatch } from './decode'

export interface ConflictingIdHit {
  readonly index: number
  readonly length: number
  readonly reason: string
}

// Names that hold one record's identifier: `id`, `*_id`, `*Id`, and the record nouns on their own.
const ID_NAME =
  /(?:^|[_.-])ids?$|[a-z]id$|^(?:account|acct|user|customer|client|portfolio|order|statement|document|invoice|trade)(?:[_-]?(?:no|num|number|ref))?$/

/**
 * Judges the joined values of a repeated query parameter (`name`, values decoded, lower case, joined with
 * commas) against the request's path.
 */
export function judgeConflictingId(
  name: string,
  joined: string,
  path: string,
): ConflictingIdHit | null {
  if (!ID_NAME.test(name.toLowerCase())) return null
  const values = [...new Set(joined.split(',').map((v) => v.trim()))].filter((v) => v.length >= 3)
  if (values.length < 2) return null
  const segments = new Set(decodeForMatch(path, false).split('/'))
  const named = values.find((v) => segments.has(v))
  if (named === undefined) return null
  return {
    index: 0,
    length: joined.length,
    reason: `${name} given as ${named} (named in the path) and as ${values
      .filter((v) => v !== named)
      .join(', ')
      .slice(0, 60)}`,
  }
}
