/// <reference types="vite/client" />
import type { TesterApi } from '../../shared/contract/api'

declare global {
  interface Window {
    /** The contract, provided by the Electron preload or the web host's bridge. */
    tester?: TesterApi
  }
}

export {}
