import { formatAgo, formatCount, formatDuration, useNow } from '../format'
import { useT } from '../i18n'
import { useVigil } from '../state/store'
import { Panel } from './Panel'

/** Every source's state, throughput, errors and backlog: whether the picture on screen can be trusted. */
export function SourceHealthPanel() {
  const t = useT()
  const sources = useVigil((s) => s.sources)
  const rules = useVigil((s) => s.rules)
  const now = useNow(1000)
  const up = sources.filter((s) => s.state === 'up').length

  return (
    <Panel
      title={t('sources.title')}
      meta={sources.length ? `${up}/${sources.length}` : undefined}
      className="panel-sources"
      testId="sources-panel"
    >
      {sources.length === 0 ? (
        <p className="panel-empty">{t('sources.empty')}</p>
      ) : (
        <table className="sources">
          <colgroup>
            <col />
            <col className="col-events" />
            <col className="col-malformed" />
            <col className="col-lag" />
            <col className="col-quarantined" />
          </colgroup>
          <thead>
            <tr>
              <th className="col-name">{t('sources.col.name')}</th>
              <th className="num">{t('sources.col.events')}</th>
              <th className="num">{t('sources.col.malformed')}</th>
              <th className="num">{t('sources.col.lag')}</th>
              <th className="num">{t('sources.col.quarantined')}</th>
            </tr>
          </thead>
          {sources.map((s) => (
            <tbody key={s.id} className="source" data-testid="source-row" data-state={s.state}>
              <tr>
                <td className="col-name" title={s.name}>
                  <span className={`dot dot-${s.state}`} aria-hidden="true" />
                  <span className="source-name">{s.name}</span>
                  <span className="source-kind">{s.kind}</span>
                </td>
                <td className="num">{formatCount(s.eventsTotal)}</td>
                <td className={`num ${s.malformedTotal > 0 ? 'warn' : ''}`}>
                  {formatCount(s.malformedTotal)}
                </td>
                <td className="num">{formatDuration(s.lagMs)}</td>
                <td className={`num ${s.quarantinedBatches > 0 ? 'warn' : ''}`}>
                  {formatCount(s.quarantinedBatches)}
                </td>
              </tr>
              <tr className="source-sub">
                <td colSpan={5}>
                  <span className={`source-state state-${s.state}`} data-testid="source-state">
                    {t(`state.${s.state}`)}
                  </span>
                  <span>{t('sources.lastEvent', { time: formatAgo(s.lastEventAt, now, t) })}</span>
                  {s.nextRetryAt !== null && (
                    <span>
                      {t('sources.nextRetry', { time: formatAgo(s.nextRetryAt, now, t) })}
                    </span>
                  )}
                  {s.lastError !== null && (
                    <span className="source-error" title={s.lastError}>
                      {t('sources.lastError', { message: s.lastError })}
                    </span>
                  )}
                </td>
              </tr>
            </tbody>
          ))}
        </table>
      )}
      {rules !== null && (
        <p className="rules-status" data-testid="rules-status">
          <span>{t('rules.summary', { builtin: rules.builtin, custom: rules.custom })}</span>
          {rules.lastError !== null && (
            <span className="source-error" title={rules.lastError}>
              {t('rules.refused', { message: rules.lastError })}
            </span>
          )}
        </p>
      )}
    </Panel>
  )
}
