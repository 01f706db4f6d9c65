// Renderer entry. The renderer imports no zod (contract types only), so no jitless switch is needed;
// should a schema ever be used here, call z.config({ jitless: true }) first (see STACK.md: CSP).
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import './styles/theme.css'
import './styles/app.css'
import { App } from './App'
import { restorePreferences } from './state/actions'

// English and the dark theme unless the officer chose otherwise earlier.
restorePreferences()

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
