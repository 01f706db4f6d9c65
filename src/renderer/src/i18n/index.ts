// A tiny typed translator: t('key', { n: 3 }). The locale lives in the store (ui slice), so switching it
// re-renders the views that use useT().
import { useCallback } from 'react'
import { useVigil } from '../state/store'
import { en, type MessageKey, type Messages } from './en'
import { ja } from './ja'

export type Locale = 'en' | 'ja'
export const LOCALES: readonly Locale[] = ['en', 'ja']
export type { MessageKey }
export type TParams = Readonly<Record<string, string | number>>
export type Translate = (key: MessageKey, params?: TParams) => string

const dictionaries: Readonly<Record<Locale, Messages>> = { en, ja }

/** Translates with an explicit locale; unknown placeholders are left as written. */
export function translate(locale: Locale, key: MessageKey, params?: TParams): string {
  const template = dictionaries[locale][key]
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  )
}

/** Translates with the current locale (for code outside React, such as actions). */
export const t: Translate = (key, params) => translate(useVigil.getState().locale, key, params)

/** A translator bound to the current locale; the component re-renders when the locale changes. */
export function useT(): Translate {
  const locale = useVigil((s) => s.locale)
  return useCallback((key, params) => translate(locale, key, params), [locale])
}
