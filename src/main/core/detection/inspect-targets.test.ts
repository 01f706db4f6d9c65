import { describe, expect, it } from 'vitest'
import { collectTargets } from './inspect-targets'
import type { RequestRecord } from './request-record'
import { testRecord } from './request-record.test-helper'

function record(headers: { name: string; value: string }[], body: string | null): RequestRecord {
  return testRecord({
    recordId: 'r1',
    method: 'POST',
    path: '/kyc/uploads',
    headers,
    body,
    ip: '198.51.100.1',
  })
}

describe('request values', () => {
  it('splits a multipart body on its boundary as sent: boundaries are case-sensitive', () => {
    const b = '----WebKitFormBoundaryQx7RmT2aKpL9'
    const body =
      `--${b}\r\nContent-Disposition: form-data; name="doc_type"\r\n\r\nselfie\r\n` +
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="IMG_1.PNG"\r\nContent-Type: image/png\r\n\r\niVBORw0KGgo=\r\n--${b}--\r\n`
    const { targets } = collectTargets(
      record([{ name: 'content-type', value: `multipart/form-data; boundary=${b}` }], body),
    )
    const fields = targets.filter((t) => t.part === 'body').map((t) => [t.field, t.raw])
    expect(fields).toEqual([
      ['body:doc_type', 'selfie'],
      ['body:file', 'iVBORw0KGgo='],
      ['body-file:file', 'IMG_1.PNG'],
    ])
  })

  it('reads an uploaded XML file as an XML body is read: whole, and its text and attributes as values', () => {
    const b = 'JavaBoundary7'
    const xml =
      '<?xml version="1.0"?>\n<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><Ntry><Amt Ccy="EUR">5.00</Amt><Ustrd>Fee &amp; tax</Ustrd></Ntry></Document>'
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1"/></svg>'
    const body =
      `--${b}\r\nContent-Disposition: form-data; name="file"; filename="camt.xml"\r\nContent-Type: application/xml\r\n\r\n${xml}\r\n` +
      `--${b}\r\nContent-Disposition: form-data; name="chart"; filename="c.svg"\r\nContent-Type: image/svg+xml\r\n\r\n${svg}\r\n--${b}--\r\n`
    const { targets } = collectTargets(
      record([{ name: 'content-type', value: `multipart/form-data; boundary=${b}` }], body),
    )
    const seen = targets.map((t) => [t.part, t.field, t.raw.slice(0, 12)])
    expect(seen).toContainEqual(['document', 'body:file', '<?xml versio'])
    expect(seen).toContainEqual(['body', 'body:Ustrd', 'Fee &amp; ta'])
    expect(seen).toContainEqual(['body', 'body:@Ccy', 'EUR'])
    expect(seen).toContainEqual(['body', 'body:chart', '<svg xmlns="'])
    expect(seen).not.toContainEqual(['body', 'body:file', '<?xml versio'])
  })

  it('reads a CDATA section as the text of its element, not as markup', () => {
    const xml =
      '<?xml version="1.0"?><Batch><Client><Ref>K-1</Ref><Notes><![CDATA[Call after 5pm. Risk: <moderate>]]></Notes></Client><Misc><![CDATA[<script>x</script>]]></Misc></Batch>'
    const { targets } = collectTargets(
      record([{ name: 'content-type', value: 'application/xml' }], xml),
    )
    const values = targets.filter((t) => t.part === 'body').map((t) => [t.field, t.raw])
    expect(values).toContainEqual(['body:Notes', 'Call after 5pm. Risk: <moderate>'])
    expect(values).toContainEqual(['body:Misc', '<script>x</script>'])
    expect(values).toContainEqual(['body:Ref', 'K-1'])
    expect(values.map(([f]) => f)).not.toContain('body:moderate')
  })

  it('reads an XML document carried in CDATA (FIXML in a SOAP field) as a document', () => {
    const soap =
      '<?xml version="1.0"?><Envelope><Body><Fixml><![CDATA[<FIXML xmlns="http://www.fixprotocol.org/FIXML-5-0"><TrdCaptRpt RptID="R-1"/></FIXML>]]></Fixml></Body></Envelope>'
    const { targets } = collectTargets(
      record([{ name: 'content-type', value: 'application/soap+xml' }], soap),
    )
    const fixml = targets.filter((t) => t.field === 'body:Fixml').map((t) => t.part)
    expect(fixml).toEqual(['document'])
  })

  it('reads an argument list once more joined, as the program receives it', () => {
    const body = JSON.stringify({
      command: ['powershell.exe', '-nop', '-enc', 'SQBFAFgA'],
      symbols: ['ES', 'NQ'],
    })
    const { targets } = collectTargets(
      record([{ name: 'content-type', value: 'application/json' }], body),
    )
    const argv = targets.filter((t) => t.part === 'argv').map((t) => [t.field, t.raw])
    expect(argv).toEqual([['argv:command', 'powershell.exe -nop -enc SQBFAFgA']])
  })

  it('reads a repeated parameter once more with its values joined, as many backends receive it', () => {
    const r = {
      ...record([], null),
      query: [
        { name: 'desk', value: '1 /*' },
        { name: 'from', value: '2026-01-02' },
        { name: 'desk', value: '*/UNION/*' },
        { name: 'desk', value: '*/SELECT 1' },
      ],
    }
    const joined = collectTargets(r).targets.filter((t) => t.field.startsWith('query-joined:'))
    expect(joined.map((t) => [t.field, t.raw])).toEqual([
      ['query-joined:desk', '1 /*,*/UNION/*,*/SELECT 1'],
    ])
  })

  it('reads header names outside the common set, and methods a REST API does not take', () => {
    const r = {
      ...record(
        [
          { name: 'user-agent', value: 'okhttp/4.12' },
          { name: 'acunetix-aspect', value: 'enabled' },
        ],
        null,
      ),
      method: 'PROPFIND',
    }
    const named = collectTargets(r).targets.map((t) => `${t.part} ${t.field}`)
    expect(named).toContain('header-name header-name:acunetix-aspect')
    expect(named).not.toContain('header-name header-name:user-agent')
    expect(named).toContain('method method')
    expect(collectTargets(record([], null)).targets.map((t) => t.part)).not.toContain('method')
  })

  it('lists what a JSON or form body sets, one key=value line per field, secrets masked', () => {
    const json = JSON.stringify({
      displayName: 'K. Ito',
      isAdmin: true,
      access: { roles: ['OPS', 'APPROVER'], level: 3 },
      password: 'hunter2-secret',
      filter: { client: { $ne: null, $gt: 'abc' } },
    })
    const ct = [{ name: 'content-type', value: 'application/json' }]
    const fields = collectTargets(record(ct, json)).targets.filter((t) => t.part === 'fields')
    expect(fields.map((t) => t.raw)).toEqual([
      [
        'displayname="k. ito"',
        'isadmin=true',
        'access.roles=["ops","approver"]',
        'access.level=3',
        'password="*"',
        'filter.client.$ne=null',
        'filter.client.$gt="abc"',
      ].join('\n'),
    ])
    // an operator key is read with its operand only when that operand could hold for every record
    const keys = collectTargets(record(ct, json))
      .targets.filter((t) => t.field.startsWith('body-key:'))
      .map((t) => t.raw)
    expect(keys).toEqual(['filter.client.$ne=null', 'filter.client.$gt'])

    const form = collectTargets(
      record(
        [{ name: 'content-type', value: 'application/x-www-form-urlencoded' }],
        'email=a%40b.example&pin=1234&role=admin',
      ),
    ).targets.filter((t) => t.part === 'fields')
    expect(form.map((t) => t.raw)).toEqual(['email="a@b.example"\npin="*"\nrole="admin"'])
  })
})
