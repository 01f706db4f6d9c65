// Code published for readers: a developer portal's snippets, a knowledge base's examples, a gist-like
// library of recipes. Their code field holds shell pipelines, SQL, relative imports and HTTP requests by
// design (`export TOKEN=$(curl … | jq -r .access_token)`, `INSERT … ON CONFLICT DO NOTHING`,
// `import cfg from '../config/dev.json'`), and the service stores and shows them: no shell, database or
// file system runs their text. Rules for injections a server runs opt in with
// `match.except: [published-code]`; markup rules do not (a snippet shown as raw HTML would run).
//
// The judgement needs both the endpoint (a collection of snippets, samples, examples, gists or recipes)
// and the field (`code`, `snippet`, `source`, `example`, and their Portuguese, Spanish and German names):
// a strategy's code uploaded to be run, or an OAuth `code` sent to a token endpoint, is neither.

const CODE_PATH =
  /(?:^|\/)(?:snippets?|gists?|code-?samples?|samples?|examples?|recipes?|exemplos|ejemplos|beispiele)(?:\/|$)/i

const CODE_FIELD =
  /(?:^|[.:])(?:code|codigo|código|snippet|source|source_code|sample|example|exemplo|ejemplo|beispiel|quelltext)$/i

/** True when a body field (`body:codigo`) sent to `path` is code published for readers. */
export function isPublishedCode(path: string, field: string): boolean {
  return CODE_FIELD.test(field) && CODE_PATH.test(path)
}
