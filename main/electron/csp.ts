import { rendererCsp } from '../renderer-csp'

/** The renderer makes no network calls in Electron: everything goes through main. */
export const ELECTRON_CSP = rendererCsp("'none'")
