import { useState, type FormEvent } from 'react'
import {
  INCIDENT_TRANSITIONS,
  type IncidentStatus,
  type IncidentSummary,
} from '../../../shared/model'
import { useT } from '../i18n'
import { setIncidentStatus } from '../state/actions'
import { useVigil } from '../state/store'

/** The incident workflow: the allowed next statuses, each confirmed with a reason for the audit trail. */
export function StatusWorkflow({ incident }: { readonly incident: IncidentSummary }) {
  const t = useT()
  const role = useVigil((s) => s.info?.role ?? 'viewer')
  const [target, setTarget] = useState<IncidentStatus | null>(null)
  const [reason, setReason] = useState('')
  const [saving, setSaving] = useState(false)
  const [forId, setForId] = useState(incident.id)

  // Another incident selected: drop the half-filled form (state adjusted during render, not in an effect).
  if (forId !== incident.id) {
    setForId(incident.id)
    setTarget(null)
    setReason('')
  }

  if (role === 'viewer') {
    return <p className="workflow-note">{t('workflow.viewerOnly', { role })}</p>
  }

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault()
    if (!target || reason.trim() === '') return
    setSaving(true)
    const saved = await setIncidentStatus(incident.id, target, reason.trim())
    setSaving(false)
    if (saved) {
      setTarget(null)
      setReason('')
    }
  }

  return (
    <div className="workflow" data-testid="workflow">
      <div className="workflow-buttons" role="group" aria-label={t('workflow.title')}>
        {INCIDENT_TRANSITIONS[incident.status].map((s) => (
          <button
            key={s}
            type="button"
            className={`btn-ghost ${target === s ? 'active' : ''}`}
            aria-pressed={target === s}
            onClick={() => setTarget(target === s ? null : s)}
          >
            {t(`workflow.to.${s}`)}
          </button>
        ))}
      </div>
      {target && (
        <form className="workflow-form" onSubmit={(e) => void submit(e)}>
          <input
            className="input"
            type="text"
            value={reason}
            maxLength={2000}
            placeholder={t('workflow.reason')}
            aria-label={t('workflow.reason')}
            onChange={(e) => setReason(e.target.value)}
            autoFocus
          />
          <button type="submit" className="btn-primary" disabled={saving || reason.trim() === ''}>
            {saving
              ? t('workflow.saving')
              : t('workflow.confirm', { status: t(`status.${target}`) })}
          </button>
          <button type="button" className="btn-link" onClick={() => setTarget(null)}>
            {t('workflow.cancel')}
          </button>
        </form>
      )}
    </div>
  )
}
