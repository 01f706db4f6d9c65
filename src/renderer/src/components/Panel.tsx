import { Component, type ErrorInfo, type ReactNode } from 'react'
import { reportError } from '../state/actions'
import { t } from '../i18n'

interface PanelProps {
  readonly title: string
  readonly meta?: ReactNode
  readonly actions?: ReactNode
  readonly className?: string
  readonly testId?: string
  readonly children: ReactNode
}

/** A titled dashboard panel; a rendering error stays inside it instead of blanking the page. */
export function Panel({ title, meta, actions, className, testId, children }: PanelProps) {
  return (
    <section className={`panel ${className ?? ''}`} data-testid={testId} aria-label={title}>
      <header className="panel-head">
        <h2 className="panel-title">{title}</h2>
        {meta !== undefined && <span className="panel-meta">{meta}</span>}
        <span className="panel-spacer" />
        {actions}
      </header>
      <div className="panel-body">
        <PanelBoundary>{children}</PanelBoundary>
      </div>
    </section>
  )
}

interface BoundaryState {
  readonly failed: string | null
}

// Error boundaries still need a class in React 19.
class PanelBoundary extends Component<{ readonly children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { failed: null }

  static getDerivedStateFromError(error: unknown): BoundaryState {
    return { failed: error instanceof Error ? error.message : String(error) }
  }

  override componentDidCatch(error: unknown, _info: ErrorInfo): void {
    reportError(
      t('error.render', { message: error instanceof Error ? error.message : String(error) }),
    )
  }

  override render(): ReactNode {
    if (this.state.failed !== null) {
      return <p className="panel-empty">{t('error.render', { message: this.state.failed })}</p>
    }
    return this.props.children
  }
}
