import type { IncidentStatus, Severity } from '../../../shared/model'
import { useT } from '../i18n'

export function SeverityBadge({ severity }: { readonly severity: Severity }) {
  const t = useT()
  return (
    <span className={`sev sev-${severity}`} title={severity}>
      {t(`severity.${severity}`)}
    </span>
  )
}

export function StatusBadge({ status }: { readonly status: IncidentStatus }) {
  const t = useT()
  return <span className={`status status-${status}`}>{t(`status.${status}`)}</span>
}

export function CategoryTag({ category }: { readonly category: string }) {
  return <span className="cat">{category}</span>
}
