import { describe, expect, it } from 'vitest'
import { judgeSql, tokenize } from './sql-tokens'

describe('tokenize', () => {
  it('classifies strings, numbers, keywords, functions and comments', () => {
    const kinds = tokenize("'' or sleep(5)-- x").map((t) => t.kind)
    expect(kinds).toEqual(['string', 'logic', 'func', '(', 'number', ')', 'comment'])
    expect(tokenize("'abc")[0]).toMatchObject({ kind: 'string', closed: false })
  })
})

describe('judgeSql', () => {
  it.each([
    "x' or 'b'='b",
    "9' or 3>2--",
    '1 or 1=1',
    '" or ""="',
    "z') or ('q')=('q",
    '5 union all select null,null',
    "k';drop table t--",
    '1 and pg_sleep(4)',
    "1); waitfor delay '0:0:4'--",
    '1 and extractvalue(1,concat(0x7e,user()))',
    "admin'--",
    "abc' #",
    '2 order by 7--',
    "x' and 1=(select count(*) from t)--",
    'select @@version',
  ])('flags %s', (v) => {
    expect(judgeSql(v.toLowerCase())).not.toBeNull()
  })

  it.each([
    'union pacific',
    'technology select sector spdr',
    'sleep number',
    'benchmark electronics',
    'ord-20260310--0042',
    'nk225(mar26)',
    "o'brien",
    "d'souza and dell'oro",
    "symbol eq '7203.t' and side eq 'buy'",
    'executed_at desc',
    'buy 100 or 200 if px <= 2800',
    'scale in -- 2nd tranche',
    'rebalance; see ticket 4411',
    'having trouble with fills?',
    'limit 5 shares then review',
    'mozilla/5.0 (windows nt 10.0; win64; x64) applewebkit/537.36 (khtml, like gecko)',
    'in case of doubt, call the desk',
  ])('stays quiet on %s', (v) => {
    expect(judgeSql(v)).toBeNull()
  })
})

describe('prose with SQL words', () => {
  it('does not read a sentence with select … from as a SELECT statement', () => {
    expect(
      judgeSql('select the union pacific lot, drop the rest; update the table from the blotter'),
    ).toBeNull()
    expect(judgeSql("x';select login,pw from staff--")).not.toBeNull()
    expect(judgeSql('1 and (select top 1 name from sysobjects)')).not.toBeNull()
  })
})

describe('a value that opens with DROP or TRUNCATE TABLE', () => {
  it('is a statement when it reads as one, and a sentence when words follow the name', () => {
    expect(judgeSql('drop table tennis results for 2026')).toBeNull()
    expect(judgeSql('Drop table entries older than a week from the report')).toBeNull()
    expect(judgeSql('drop table trades')).not.toBeNull()
    expect(judgeSql('drop table if exists trades cascade')).not.toBeNull()
    expect(judgeSql('drop table users, orders;')).not.toBeNull()
    expect(judgeSql('drop table trades-- cleanup')).not.toBeNull()
    // Broken out of a quote, words after the name do not excuse it.
    expect(judgeSql("x'; drop table trades and more")).not.toBeNull()
  })
})
