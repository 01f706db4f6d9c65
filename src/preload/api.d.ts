import type { VigilApi } from '../shared/api'

declare global {
  interface Window {
    readonly vigil: VigilApi
  }
}
export {}
