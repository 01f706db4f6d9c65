import { dismissError } from '../state/actions'
import { selectLatestError } from '../state/selectors'
import { useVigil } from '../state/store'
import { useT } from '../i18n'
import { formatTime } from '../format'

/** The latest failed call, as one dismissible line; the page keeps working underneath. */
export function ErrorStrip() {
  const t = useT()
  const error = useVigil(selectLatestError)
  const more = useVigil((s) => s.errors.length - 1)
  if (!error) return null
  return (
    <div className="error-strip" role="alert" data-testid="error-line">
      <span className="error-strip-time">{formatTime(error.at)}</span>
      <span className="error-strip-text">{error.message}</span>
      {more > 0 && <span className="error-strip-more">+{more}</span>}
      <button type="button" className="btn-link" onClick={() => dismissError(error.id)}>
        {t('error.dismiss')}
      </button>
    </div>
  )
}
