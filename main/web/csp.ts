import { rendererCsp } from '../renderer-csp'

export const WEB_CSP = rendererCsp("'self'")
