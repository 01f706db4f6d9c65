import { describe, expect, it } from 'vitest'
import { en } from './en'
import { ja } from './ja'
import { translate } from './index'

describe('i18n', () => {
  it('has the same keys in every locale, none empty', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort())
    for (const v of [...Object.values(en), ...Object.values(ja)]) expect(v.trim()).not.toBe('')
  })

  it('uses the same placeholders in every locale', () => {
    const names = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort()
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(names(ja[key]), key).toEqual(names(en[key]))
    }
  })

  it('fills placeholders and leaves unknown ones as written', () => {
    expect(translate('en', 'threat.openIncidents', { count: 3 })).toBe('3 open incidents')
    expect(translate('ja', 'threat.openIncidents', { count: 3 })).toBe('未対応インシデント 3 件')
    expect(translate('en', 'threat.openIncidents')).toBe('{count} open incidents')
  })
})
