import { describe, expect, it } from 'vitest'
import { DESTINATION_PATH, MONEY_OUT_PATH } from './money-paths'
import { REWARD_WORDS, segmentRegex, SIGNUP_PATH } from './path-words'

describe('path words in the desks’ languages', () => {
  it('reads withdrawals, destinations, sign-ups and rewards in other languages', () => {
    for (const p of [
      '/api/v2/saques',
      '/konto/auszahlungen',
      '/fr/retraits/nouveau',
      '/api/penarikan',
    ])
      expect(MONEY_OUT_PATH.test(p), p).toBe(true)
    for (const p of [
      '/mobile/v3/conta/contas-bancarias',
      '/de/bankverbindungen',
      '/es/cuentas-bancarias',
    ])
      expect(DESTINATION_PATH.test(p), p).toBe(true)
    for (const p of ['/mobile/v3/cadastro', '/registrierung', '/api/kayit', '/es/registro'])
      expect(SIGNUP_PATH.test(p), p).toBe(true)
    for (const p of ['/mobile/v3/indicacao/bonus', '/de/gutscheine', '/fr/parrainage'])
      expect(segmentRegex(REWARD_WORDS).test(p), p).toBe(true)
  })

  it('takes whole segments only, and not an instant payment or a Pix key for a withdrawal', () => {
    for (const p of ['/api/saqueador-info', '/api/transferencias', '/mobile/v3/pix/transferencias'])
      expect(MONEY_OUT_PATH.test(p), p).toBe(false)
    // registering one's own Pix key (to receive) sets up no destination
    expect(DESTINATION_PATH.test('/mobile/v3/pix/chaves')).toBe(false)
    expect(SIGNUP_PATH.test('/api/cadastros-antigos')).toBe(false)
  })
})
