import type { Finding } from '../../../shared/model'
import { formatCount, formatTime } from '../format'
import { useT } from '../i18n'
import { selectIncident } from '../state/actions'
import { useVigil } from '../state/store'
import { CategoryTag, SeverityBadge, StatusBadge } from './Badges'
import { EvidenceText } from './EvidenceText'
import { Panel } from './Panel'
import { StatusWorkflow } from './StatusWorkflow'

/** The selected incident and its findings; evidence is attacker-written and shown only as text. */
export function IncidentDetailPanel() {
  const t = useT()
  const selectedId = useVigil((s) => s.selectedId)
  const summary = useVigil((s) => (s.selectedId ? s.incidents[s.selectedId] : undefined))
  const detail = useVigil((s) => s.detail)
  const loading = useVigil((s) => s.detailLoading)
  const incident = summary ?? detail?.incident

  const close = (
    <button type="button" className="btn-link" onClick={() => selectIncident(null)}>
      {t('detail.close')}
    </button>
  )

  if (selectedId === null || !incident) {
    return (
      <Panel title={t('detail.title')} className="panel-detail" testId="detail-panel">
        <p className="panel-empty">{t('detail.none')}</p>
      </Panel>
    )
  }

  const findings = detail?.incident.id === incident.id ? detail.findings : []
  return (
    <Panel title={t('detail.title')} actions={close} className="panel-detail" testId="detail-panel">
      <div className="detail">
        <div className="detail-head">
          <SeverityBadge severity={incident.severity} />
          <h3 className="detail-title" data-testid="detail-title">
            {incident.title}
          </h3>
        </div>
        <dl className="detail-facts">
          <dt>{t('detail.entity')}</dt>
          <dd className="mono">
            <span className="muted">{incident.entityKind}:</span> {incident.entity}
          </dd>
          <dt>{t('incidents.col.status')}</dt>
          <dd>
            <StatusBadge status={incident.status} /> <CategoryTag category={incident.category} />
          </dd>
          <dt>{t('detail.window')}</dt>
          <dd className="mono">
            {formatTime(incident.firstSeen)} → {formatTime(incident.lastSeen)}
          </dd>
          <dt>{t('detail.confidence')}</dt>
          <dd className="mono">{Math.round(incident.confidence * 100)}%</dd>
          <dt>{t('detail.rules')}</dt>
          <dd className="mono wrap">{incident.rules.join(', ') || '—'}</dd>
          {incident.routes.length > 0 && (
            <>
              <dt>{t('detail.routes')}</dt>
              <dd className="mono wrap">{incident.routes.join(', ')}</dd>
            </>
          )}
        </dl>
        <StatusWorkflow incident={incident} />
        <h4 className="detail-sub">
          {t('detail.findings', {
            shown: formatCount(findings.length),
            total: formatCount(incident.findingCount),
          })}
        </h4>
        {loading && findings.length === 0 ? (
          <p className="panel-empty">{t('detail.loading')}</p>
        ) : findings.length === 0 ? (
          <p className="panel-empty">{t('detail.noFindings')}</p>
        ) : (
          <ol className="findings" data-testid="findings">
            {findings.map((f) => (
              <FindingItem key={f.id} finding={f} />
            ))}
          </ol>
        )}
      </div>
    </Panel>
  )
}

function FindingItem({ finding: f }: { readonly finding: Finding }) {
  const t = useT()
  const details = Object.entries(f.details)
  return (
    <li className="finding" data-testid="finding">
      <div className="finding-head">
        <SeverityBadge severity={f.severity} />
        <span
          className="mono finding-rule"
          data-testid="finding-rule"
          title={t('detail.finding.rule')}
        >
          {f.rule}
        </span>
        <span className="panel-spacer" />
        <span className="mono muted" title={t('detail.finding.time')}>
          {formatTime(f.time)}
        </span>
      </div>
      <div className="finding-meta mono">
        <span className="finding-field" title={t('detail.finding.field')}>
          {f.field}
        </span>
        {f.ip !== null && <span title={t('detail.finding.ip')}>{f.ip}</span>}
        {f.route !== null && <span title={t('detail.routes')}>{f.route}</span>}
      </div>
      <div className="finding-label">{t('detail.finding.evidence')}</div>
      <EvidenceText text={f.evidence} highlights={f.highlights} testId="evidence" />
      {f.decoded !== null && (
        <>
          <div className="finding-label">{t('detail.finding.decoded')}</div>
          <EvidenceText text={f.decoded} highlights={[]} />
        </>
      )}
      {details.length > 0 && (
        <>
          <div className="finding-label">{t('detail.finding.details')}</div>
          <dl className="finding-details mono">
            {details.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{typeof v === 'number' ? formatCount(Math.round(v * 100) / 100) : v}</dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </li>
  )
}
