import { LOCALES, useT } from '../i18n'
import { setLocale, setTheme } from '../state/actions'
import { useVigil } from '../state/store'

// Latin labels render with any font; the native name is the tooltip.
const LOCALE_LABELS = { en: 'EN', ja: 'JA' } as const
const LOCALE_NAMES = { en: 'English', ja: '日本語' } as const

/** Product, mode, who is signed in, language and theme. */
export function TopBar() {
  const t = useT()
  const info = useVigil((s) => s.info)
  const locale = useVigil((s) => s.locale)
  const theme = useVigil((s) => s.theme)
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('app.title')}</span>
        <span className="brand-sub">{t('app.subtitle')}</span>
      </div>
      {info && (
        <span className={`mode mode-${info.mode}`} data-testid="mode">
          {t(`app.mode.${info.mode}`)}
        </span>
      )}
      <span className="panel-spacer" />
      {info && (
        <span className="topbar-who mono" title={t('app.role', { role: info.role })}>
          {info.actor} · {info.role}
        </span>
      )}
      {info && <span className="topbar-version mono">v{info.version}</span>}
      <div className="segmented" role="group" aria-label={t('app.language')}>
        {LOCALES.map((l) => (
          <button
            key={l}
            type="button"
            className={l === locale ? 'active' : ''}
            aria-pressed={l === locale}
            title={LOCALE_NAMES[l]}
            onClick={() => setLocale(l)}
          >
            {LOCALE_LABELS[l]}
          </button>
        ))}
      </div>
      <button
        type="button"
        className="btn-ghost"
        title={t('app.theme.toggle')}
        onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
      >
        {theme === 'dark' ? t('app.theme.light') : t('app.theme.dark')}
      </button>
    </header>
  )
}
