import { describe, expect, it } from 'vitest'
import { judgeSql, judgeSqlFully, sqlInert, sqlInteresting, tokenize } from './sql-tokens'

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
    // PostgreSQL casts and containment operators
    'tag\' or \'{"k":1}\'::jsonb <@ \'{"k":1,"m":2}\'::jsonb--',
    "x' or 'q'::text = 'q'--",
    "x' or '{3}'::int[] @> '{3}'::int[]--",
    "x'^(select 1)^'",
    "x'|(sleep(5))|'",
    "x' or 'a' or '",
    "x'+@@version+'",
    'concat(0x7e,@@datadir)',
    // a line comment ends at its line, and the statement goes on
    "2026-03-17'\nunion#c\nselect\nuser(),2,3#",
    "1; if (1=1) waitfor delay '0:0:5'--",
    "x'; if (select count(*) from users) > 0 begin waitfor delay '0:0:3' end--",
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
    'fe80::1 is the gateway',
    'use std::vector in the pricer',
    "grep -e '^(aapl|msft|brk\\.b)$' tickers.txt | sort -u > mine.txt",
    "symbol=~'^(es|nq)[hmuz][0-9]$'",
    "shock(curve='usd-sofr', bp=+25); if (book == 'rates-ny') then scale(1.5) else scale(1.0) end",
    // a Markdown heading over a line of prose
    '# weekly notes\nbuy 100 or 200 if px <= 2800 -- scale in\nlater',
    // an e-mail address typed with two @
    'karla.ortiz24@@gmail.com',
    // a search engine's boolean query of phrases
    'ceo and ("insider selling" or "share buyback") not rumor*',
    "what does the 1=1 do here? select book, sum(pnl) from daily_pnl where 1=1 and book in ('a','b') group by book",
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

describe('a value that is one whole read query from its first word', () => {
  it('is a saved report or an analyst query, not an injection', () => {
    for (const v of [
      "select desk, book, sum(pnl_usd) as pnl from positions where book in ('fx-spot','fx-fwd') and trade_date >= current_date - 1 group by desk, book order by pnl asc limit 10",
      'select symbol, avg(price) from ticks where ts > now() - interval 1 hour group by symbol order by 2 desc limit 10',
      'select top 10 * from pnl where pnl < 0;',
      'select t.isin, round(t.px, 4) from trades t join books b on b.id = t.book_id',
      // a query language endpoint's statements: UNION ALL, subqueries, CASE, HAVING, a CTE, comments
      "select 'eu' as region, sum(v) from prices_eu group by 1 union all select 'us', sum(v) from prices_us group by 1",
      "select isin from exposures where as_of = (select max(as_of) from exposures) and factor in ('value')",
      "select isin, case when rating like 'bbb%' then 'ig-low' else 'other' end as bucket from bonds where oas > 0 /* bad ticks */",
      'select sector, count(*) as n from fundamentals group by sector having count(*) >= 10 order by n desc',
      'with px as (select isin, close, lag(close) over (partition by isin order by d) as prev from prices) select isin, avg(close / prev - 1) from px group by isin',
      'select * from users where 1=1',
      'select name from staff where id = (select 1)',
      'select pnl from books; -- end of day',
      // a question about a query, the query on its own lines
      "why is this slow? explain shows a seq scan on fills.\nselect o.id, sum(f.qty) as filled\nfrom orders o left join fills f on f.order_id = o.id\nwhere o.trader_id in (select id from traders where desk = 'eq')\ngroup by o.id\nlimit 100;",
    ])
      expect(judgeSql(v), v).toBeNull()
  })

  it('is still judged for what an injection adds, or when it reads the database itself', () => {
    for (const v of [
      'select name from staff; drop table staff',
      "select close from prices where t = 'x';create role sync with superuser login password 'p';--",
      'select version() from dual',
      'select * from pg_shadow',
      "x' or 1=1 --\nselect name from staff",
      'why is this slow?\nselect name from staff; drop table staff',
      'select name from staff where id in (select usename from pg_user)',
      'select * from master..sysservers',
      'select name from sysusers',
      "select name, pw from staff where x = 'open",
      'select benchmark(1000000,md5(1)) from dual',
    ])
      expect(judgeSql(v), v).not.toBeNull()
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

describe('sqlInert', () => {
  const WORDS = [
    'order',
    'orders',
    'select',
    'null',
    'from',
    'or',
    'and',
    'xor',
    'in',
    'is',
    'between',
    'rlike',
    'like',
    'not',
    'div',
    'union',
    'all',
    'having',
    'waitfor',
    'delay',
    'time',
    'sleep',
    'benchmark',
    'shutdown',
    'execute',
    'exec',
    'declare',
    'truncate',
    'drop',
    'table',
    'limit',
    'offset',
    '1',
    '42',
    '0x1f',
    '1e5',
    'pg_catalog',
    'sysobjects',
    'sys.tables',
    'information_schema',
    'x',
    'a.b',
    '$v',
    'group',
    'by',
    'into',
    'outfile',
    'case',
    'when',
    'then',
    'where',
    'insert',
    'update',
    'set',
    'v1',
    'api',
    'grant',
    'create',
    'procedure',
    'if',
    'true',
    'version',
    '@@version',
    'algo',
    'twap',
  ]
  const SEPARATORS = ['-', '/', ':', '--', '.', '_', '', '-', '/']
  const OTHER = [' ', "'", '"', '(', ')', '=', 'A', ',', ';', '#', '+', '*', '\u2019']

  it('holds only for values the full judgement finds nothing in', () => {
    let seed = 6758
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return (seed >>> 8) % n
    }
    let inert = 0
    for (let k = 0; k < 40_000; k++) {
      let s = rand(4) === 0 ? (SEPARATORS[rand(SEPARATORS.length)] ?? '') : ''
      const parts = 1 + rand(7)
      for (let j = 0; j < parts; j++) {
        s += WORDS[rand(WORDS.length)] ?? ''
        s +=
          rand(12) === 0
            ? (OTHER[rand(OTHER.length)] ?? '')
            : (SEPARATORS[rand(SEPARATORS.length)] ?? '')
      }
      const full = sqlInteresting(s) ? judgeSqlFully(s) : null
      if (sqlInteresting(s) && sqlInert(s)) {
        inert++
        expect(full, s).toBeNull()
      }
      expect(judgeSql(s), s).toEqual(full)
    }
    expect(inert).toBeGreaterThan(5_000)
  })

  it('passes ids, dates and paths, and leaves values that form SQL to the tokenizer', () => {
    for (const v of [
      'algo-twap-03-2c585d5ff8cd',
      '2026-11-25t00:00:00z',
      '/api/v1/orders',
      'a-union-b',
    ])
      expect(sqlInert(v), v).toBe(true)
    // Each is a verdict only a guard word keeps from being skipped.
    for (const v of ['select-null-from', 'or/in/1', 'pg_catalog-1']) {
      expect(sqlInert(v), v).toBe(false)
      expect(judgeSqlFully(v), v).not.toBeNull()
    }
  })
})

describe('sqlInteresting', () => {
  it('agrees with the single alternation it replaces', () => {
    const ONE =
      /['"();#=@<>|&\u2018\u2019\u2032-]|union|select|sleep|benchmark|waitfor|order|having|\b(?:and|or|xor|where|exec|create|grant|insert|drop|delete|update|like)\b/
    const PIECES = [
      'a',
      'x',
      '1',
      '.',
      ',',
      '_',
      ' ',
      '-',
      "'",
      '"',
      '(',
      '=',
      '\u2019',
      'or',
      'and',
      'sor',
      'order',
      'union',
      'like',
      'likes',
      'where',
      'drop_',
      'having',
      'sleep',
      'xor',
      'exec',
    ]
    let seed = 8035
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
      return (seed >>> 8) % n
    }
    for (let k = 0; k < 20_000; k++) {
      let s = ''
      for (let j = rand(8); j >= 0; j--) s += PIECES[rand(PIECES.length)] ?? ''
      expect(sqlInteresting(s), s).toBe(ONE.test(s))
    }
  })
})

describe('jq filters', () => {
  it('are not subqueries: select(.field …) walks a JSON document', () => {
    expect(judgeSql('map(select(.side == "sell")) | group_by(.ccy)')).toBeNull()
    expect(judgeSql('.fills[] | select(.px > 100)')).toBeNull()
    expect(judgeSql('(select(sleep(5)))')).not.toBeNull()
    expect(judgeSql('1 and (select(ascii(substr(user(),1,1))))>64')).not.toBeNull()
  })
})

describe('a filter that closes the bracket its application wraps it in', () => {
  it('is a break-out when a condition, an ORDER BY or a comment follows the unopened bracket', () => {
    for (const v of [
      "status = 'open') or 1=1 -- ",
      "desk = 'fx') or desk = 'rates'",
      'qty >= 100) order by 4--',
    ])
      expect(judgeSql(v), v).not.toBeNull()
  })
  it('is not when the brackets balance, or no literal comparison comes before the bracket', () => {
    for (const v of [
      "(status = 'open') or (status = 'partial')",
      'a) buy 100 b) sell 50 or 1 lot less',
      'see note 3) or ask the desk',
      "status = 'open' and qty > 100",
    ])
      expect(judgeSql(v), v).toBeNull()
  })
})
