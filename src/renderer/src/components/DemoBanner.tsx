import { useVigil } from '../state/store'
import { useT } from '../i18n'

/** Says plainly that the data is generated, and how to connect real sources. */
export function DemoBanner() {
  const t = useT()
  const mode = useVigil((s) => s.info?.mode)
  const hint = useVigil((s) => s.info?.demoHint ?? null)
  const locale = useVigil((s) => s.locale)
  if (mode !== 'demo') return null
  // The core's hint names the exact config path; it is English, so other locales show their own sentence.
  const body = locale === 'en' && hint ? hint : t('banner.demo.body')
  return (
    <div className="demo-banner" role="status" data-testid="demo-banner" title={hint ?? undefined}>
      <span className="demo-banner-tag">{t('banner.demo.title')}</span>
      <span className="demo-banner-text">{body}</span>
    </div>
  )
}
