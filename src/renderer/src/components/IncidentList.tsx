import { memo, useRef, type CSSProperties, type KeyboardEvent } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { INCIDENT_STATUSES } from '../../../shared/model'
import { useShallow } from 'zustand/react/shallow'
import { formatCount, formatTime } from '../format'
import { useT } from '../i18n'
import { selectIncident, setIncidentFilter } from '../state/actions'
import { selectIncidentIds, selectIncidentTotal } from '../state/selectors'
import { useVigil, type StatusFilter } from '../state/store'
import { CategoryTag, SeverityBadge, StatusBadge } from './Badges'
import { Panel } from './Panel'

const ROW_HEIGHT = 30

/** Every incident, newest updated first, virtualised so thousands stay smooth. */
export function IncidentList() {
  const t = useT()
  const ids = useVigil(useShallow(selectIncidentIds))
  const total = useVigil(selectIncidentTotal)
  const query = useVigil((s) => s.incidentQuery)
  const status = useVigil((s) => s.incidentStatus)
  const selectedId = useVigil((s) => s.selectedId)
  const scrollRef = useRef<HTMLDivElement | null>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser is read during render by design
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (index) => ids[index] ?? index,
  })

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Escape') return
    e.preventDefault()
    if (e.key === 'Escape') return selectIncident(null)
    const at = selectedId === null ? -1 : ids.indexOf(selectedId)
    const next = e.key === 'ArrowDown' ? Math.min(ids.length - 1, at + 1) : Math.max(0, at - 1)
    const id = ids[next]
    if (id === undefined) return
    selectIncident(id)
    virtualizer.scrollToIndex(next, { align: 'auto' })
  }

  return (
    <Panel
      title={t('incidents.title')}
      meta={
        ids.length === total
          ? t('incidents.count', { count: formatCount(total) })
          : t('incidents.filtered', { shown: formatCount(ids.length), total: formatCount(total) })
      }
      actions={
        <div className="list-filters">
          <input
            className="input input-search"
            type="search"
            value={query}
            placeholder={t('incidents.search')}
            aria-label={t('incidents.search')}
            onChange={(e) => setIncidentFilter({ query: e.target.value })}
          />
          <select
            className="input input-select"
            value={status}
            aria-label={t('incidents.filter.status')}
            onChange={(e) => setIncidentFilter({ status: e.target.value as StatusFilter })}
          >
            <option value="all">{t('incidents.filter.all')}</option>
            <option value="active">{t('incidents.filter.active')}</option>
            {INCIDENT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      }
      className="panel-incidents"
      testId="incidents-panel"
    >
      <div className="inc-table" role="grid" aria-rowcount={ids.length}>
        <div className="inc-row inc-head" role="row">
          <span role="columnheader">{t('incidents.col.severity')}</span>
          <span role="columnheader">{t('incidents.col.title')}</span>
          <span role="columnheader">{t('incidents.col.entity')}</span>
          <span role="columnheader">{t('incidents.col.category')}</span>
          <span role="columnheader" className="num">
            {t('incidents.col.count')}
          </span>
          <span role="columnheader">{t('incidents.col.firstSeen')}</span>
          <span role="columnheader">{t('incidents.col.lastSeen')}</span>
          <span role="columnheader">{t('incidents.col.status')}</span>
        </div>
        <div className="inc-scroll" ref={scrollRef} tabIndex={0} onKeyDown={onKeyDown}>
          {ids.length === 0 ? (
            <p className="panel-empty">
              {total === 0 ? t('incidents.empty') : t('incidents.noMatch')}
            </p>
          ) : (
            <div className="inc-canvas" style={{ height: virtualizer.getTotalSize() }}>
              {virtualizer.getVirtualItems().map((item) => {
                const id = ids[item.index]
                if (id === undefined) return null
                return (
                  <IncidentRow
                    key={id}
                    id={id}
                    index={item.index}
                    selected={id === selectedId}
                    style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  />
                )
              })}
            </div>
          )}
        </div>
      </div>
    </Panel>
  )
}

interface RowProps {
  readonly id: string
  readonly index: number
  readonly selected: boolean
  readonly style: CSSProperties
}

const IncidentRow = memo(function IncidentRow({ id, index, selected, style }: RowProps) {
  const incident = useVigil((s) => s.incidents[id])
  if (!incident) return null
  return (
    <div
      className={`inc-row inc-item ${selected ? 'selected' : ''} ${index % 2 ? 'odd' : ''}`}
      role="row"
      aria-selected={selected}
      aria-rowindex={index + 1}
      data-testid="incident-row"
      data-incident-id={incident.id}
      style={style}
      onClick={() => selectIncident(incident.id)}
    >
      <span role="gridcell">
        <SeverityBadge severity={incident.severity} />
      </span>
      <span role="gridcell" className="inc-title" title={incident.title}>
        {incident.title}
      </span>
      <span role="gridcell" className="mono ellipsis" title={incident.entity}>
        {incident.entity}
      </span>
      <span role="gridcell">
        <CategoryTag category={incident.category} />
      </span>
      <span role="gridcell" className="num mono">
        {formatCount(incident.findingCount)}
      </span>
      <span role="gridcell" className="mono muted">
        {formatTime(incident.firstSeen)}
      </span>
      <span role="gridcell" className="mono">
        {formatTime(incident.lastSeen)}
      </span>
      <span role="gridcell">
        <StatusBadge status={incident.status} />
      </span>
    </div>
  )
})
