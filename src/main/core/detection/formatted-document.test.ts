import { describe, expect, it } from 'vitest'
import { isDocumentInProse, isFormattedDocument } from './formatted-document'

// The judge reads the percent-decoded, lower-cased value with character references kept.
const judge = (s: string): boolean => isFormattedDocument(s.toLowerCase())

describe('isFormattedDocument', () => {
  it.each([
    [
      'a note with emphasis, a list and an https link',
      '<p>Bid <b>firm</b> until 10:00</p><ul><li>2y</li><li>5y</li></ul><p><a href="https://desk.example/q">quotes</a></p>',
    ],
    [
      'an article with a video embedded by the editor',
      '<h2>Greeks</h2><p>Delta &lt; 1</p><iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/aB3-x_9?si=k2&amp;start=30" title="YouTube video player" frameborder="0" allow="autoplay; encrypted-media; picture-in-picture" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>',
    ],
    [
      'one paragraph of prose',
      '<p>Cliente molto soddisfatto — vuole parlare del fondo pensione della figlia ☕</p>',
    ],
    [
      'one paragraph of Arabic prose',
      '<p dir="rtl">اجتماع مع السيد عبد الله: يرغب في زيادة الاستثمار</p>',
    ],
    [
      'a note that ends on an image',
      '<p>Call with <b>M. O\'Brien</b></p><table><tr><td>ESM6</td></tr></table><img src="https://cdn.desk.example/c.png" alt="chart" width="640">',
    ],
    [
      'a link opening in a new tab',
      '<p>See <a href="https://ir.example.com/x" target="_blank" rel="noopener noreferrer">IR</a></p><p>ok</p>',
    ],
    [
      'a table with presentational attributes and inline style',
      '<table width="100%" cellpadding="4" style="border-collapse:collapse"><tr><td align="right" style="color:#333">1.25</td></tr></table>',
    ],
    [
      'a page for the PDF renderer',
      '<!doctype html><html><head><meta charset="utf-8"><title>Risk</title><link rel="stylesheet" href="https://static.desk.example/p.css"><style>h1 { font-size: 14pt } td > b { color: #222 }</style></head><body><h1>Risk</h1><img src="https://static.desk.example/c.png" alt="c"></body></html>',
    ],
    [
      'an escaped script example inside a code block',
      '<p>Embed:</p><pre><code>&lt;script src=&quot;https://x/w.js&quot;&gt;&lt;/script&gt;</code></pre>',
    ],
    [
      'a template of table rows',
      '{{#each rows}}<tr><td>{{this.a}}</td><td>{% if up %}+{% endif %}</td></tr>{{/each}}',
    ],
    [
      'an svg drawing with an xml declaration',
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewbox="0 0 10 10"><defs><lineargradient id="g"><stop offset="0" stop-color="#fff"/></lineargradient></defs><path d="M0 0 L9 9" stroke="url(#g)"/><text x="1" y="9">AT&amp;T</text></svg>',
    ],
    [
      'relative links and images in a note',
      '<p>Follow-up to <a href="../2025/q4.html">Q4</a></p><p><img src="./img/capex.png" alt=""></p>',
    ],
    ['a comparison in the text', '<p>Fire when bid < ask - 2</p><p>done</p>'],
    [
      'a mail link and an inline image part',
      '<p><a href="mailto:ops@desk.example">ops</a></p><p><img src="cid:logo@desk"></p>',
    ],
    [
      'paragraphs and cells whose end tags are left out',
      '<table><tr><td>1<td>2</table><p>one<p>two</p>',
    ],
    ['a comment left by the editor', '<!-- header --><p>a</p><p>b</p>'],
    [
      'a page with its JSON-LD structured data',
      '<h2>Offer</h2><p>No fee until April.</p><script type="application/ld+json">{"@context":"https://schema.org","@type":"Event","name":"Offer"}</script>',
    ],
    [
      'a branch page with a map embed',
      '<p>Open 11:00 to 19:00</p><iframe src="https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d3241.7!2d139.70" width="600" height="450" style="border:0" loading="lazy"></iframe>',
    ],
    [
      'a link with the empty handler an editor left',
      '<p>Need more?</p><p><a href="#contact" onclick="">Contact us</a></p>',
    ],
  ])('accepts %s', (_, v) => {
    expect(judge(v)).toBe(true)
  })

  it.each([
    ['a script element', '<p>x</p><script>alert(1)</script>'],
    ['an event handler', '<p>x</p><img src="https://a.example/i.png" onerror="alert(1)">'],
    [
      'a javascript: link spelled with character references',
      '<p>x</p><p><a href="&#106;ava&#x73;cript&colon;alert(1)">go</a></p>',
    ],
    [
      'a javascript: link with a tab in the scheme',
      '<p>x</p><p><a href="java&#9;script:alert(1)">go</a></p>',
    ],
    ['a data: image', '<p>x</p><p><img src="data:image/svg+xml;base64,PHN2Zz4="></p>'],
    ['a scheme-relative link', '<p>x</p><p><a href="//evil.example/">go</a></p>'],
    [
      'a backslash link browsers read as scheme-relative',
      '<p>x</p><p><a href="/\\evil.example/">go</a></p>',
    ],
    ['an iframe', '<p>x</p><iframe src="https://a.example/"></iframe>'],
    [
      'an iframe of a video host page that is not its player',
      '<p>x</p><iframe src="https://www.youtube.com/redirect?q=https://evil.example/"></iframe>',
    ],
    [
      'a player iframe with srcdoc',
      '<p>x</p><iframe src="https://player.vimeo.com/video/1" srcdoc="<p>sign in</p>"></iframe>',
    ],
    [
      'a player URL on a look-alike host',
      '<p>x</p><iframe src="https://www.youtube.com.evil.example/embed/x1"></iframe>',
    ],
    ['a form', '<div><form><p>sign in</p></form></div>'],
    [
      'a base element',
      '<html><head><base href="https://evil.example/"></head><body><p>x</p></body></html>',
    ],
    [
      'a meta refresh',
      '<html><head><meta http-equiv="refresh" content="0;url=https://evil.example"></head><body><p>x</p></body></html>',
    ],
    [
      'a stylesheet link over http',
      '<html><head><link rel="stylesheet" href="http://a.example/x.css"></head><body><p>x</p></body></html>',
    ],
    [
      'a link of another kind',
      '<html><head><link rel="import" href="https://a.example/x.html"></head><body><p>x</p></body></html>',
    ],
    [
      'css that loads a resource',
      '<p style="background:url(https://a.example/t.gif)">x</p><p>y</p>',
    ],
    [
      'css with an escaped function name',
      '<p style="background:u\\72 l(https://a.example/t.gif)">x</p><p>y</p>',
    ],
    ['css with a comment inside a word', '<p style="width:exp/**/ression(alert(1))">x</p><p>y</p>'],
    [
      'css that overlays the page',
      '<div style="position: fixed; top:0"><p>sign in again</p></div>',
    ],
    ['a stylesheet that imports', '<style>@import "https://a.example/x.css";</style><p>x</p>'],
    [
      'markup hidden in a stylesheet',
      '<svg><style><img src=x onerror=alert(1)></style></svg><p>x</p>',
    ],
    [
      'svg use pulling in another document',
      '<svg><use href="https://a.example/s.svg#x"/><rect/></svg>',
    ],
    [
      'svg paint from another document',
      '<svg><rect fill="url(https://a.example/p.svg#g)"/><rect/></svg>',
    ],
    ['svg foreignObject', '<svg><foreignobject><p>x</p></foreignobject></svg>'],
    [
      'svg animation setting an href',
      '<svg><a><animate attributename="href" values="javascript:alert(1)"/><text>x</text></a></svg>',
    ],
    [
      'a link named for DOM clobbering',
      '<p>x</p><p><a id="config" href="https://a.example/">x</a></p>',
    ],
    [
      'a name attribute',
      '<p>x</p><p><img name="getelementbyid" src="https://a.example/i.png"></p>',
    ],
    ['a conditional comment', '<!--[if mso]><v:rect></v:rect><![endif]--><p>a</p><p>b</p>'],
    ['one element only', '<h1>probe</h1>'],
    ['void elements only', '<br/><hr/>'],
    ['a lone heading', '<h1>probe</h1>'],
    ['a one-word paragraph', '<p>probe</p>'],
    [
      'a paragraph of prose with a handler',
      '<p onclick="x()">please sign in again to continue</p>',
    ],
    ['text before the markup', 'hello <p>a</p><p>b</p>'],
    ['an unterminated tag', '<p>a</p><p title="x'],
    ['an element left open', '<div id="x"><span class="y">text</span>'],
    ['a closing tag with nothing open', '<p>a</p></div><p>b</p>'],
    ['a closing tag of an unknown element', '<p>a</p></textarea><p>b</p>'],
    [
      'a script of a type that runs',
      '<p>x</p><p>y</p><script type="module">import("//x.example/a.js")</script>',
    ],
    [
      'a data block that loads',
      '<p>x</p><p>y</p><script type="application/json" src="https://x.example/a.js"></script>',
    ],
    [
      'a data block holding markup',
      '<p>x</p><script type="application/ld+json">{}</script><script>alert(1)</script>',
    ],
    [
      'a frame of a page on a maps host that is not its embed',
      '<p>x</p><iframe src="https://www.google.com/maps/place/x"></iframe>',
    ],
    ['a handler that is not empty', '<p>x</p><p><a href="#c" onclick=" go()">c</a></p>'],
  ])('rejects %s', (_, v) => {
    expect(judge(v)).toBe(false)
  })
})

describe('isDocumentInProse', () => {
  const page =
    '<html>\r\n<head><title>502 bad gateway</title></head>\r\n<body>\r\n<center><h1>502 bad gateway</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>'

  it('is a formatted page pasted into a message, prose around it', () => {
    expect(isDocumentInProse(`ao abrir a carteira aparece isto:\n${page}\nfoi às 10:42.`)).toBe(
      true,
    )
    expect(isDocumentInProse(`opening the portfolio shows this page:\n${page}`)).toBe(true)
  })

  it('is not when the markup runs anything, is a lone probe, or the prose holds markup', () => {
    const words = 'opening the portfolio shows this page:\n'
    expect(isDocumentInProse(`${words}<html><body onload=x()><p>a</p></body></html>`)).toBe(false)
    expect(isDocumentInProse(`${words}<h1>x</h1>`)).toBe(false)
    expect(isDocumentInProse(`${words}${page} and then <img src=x`)).toBe(false)
    expect(isDocumentInProse(`ok:${page}`)).toBe(false)
  })
})
