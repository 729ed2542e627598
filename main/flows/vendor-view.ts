import type { VendorInput, VendorRunView } from '../../shared/domain/run-vendor'
import type { HttpExchange } from '../http/exchange'
import type { VendorState } from './vendor-state'
import { issuedTokens, knownTokens, tokenRoutes, tokenViews } from './vendor-token-map'

/**
 * The token map only changes when an exchange is added (exchanges are append-only), while the
 * view is rebuilt on every step: keep the last map per exchange list and its length.
 */
const maps = new WeakMap<readonly HttpExchange[], { length: number; map: Pick<VendorRunView, 'tokens' | 'routes'> }>()

function tokenMap(exchanges: readonly HttpExchange[]): Pick<VendorRunView, 'tokens' | 'routes'> {
  const cached = maps.get(exchanges)
  if (cached?.length === exchanges.length) return cached.map
  const issued = issuedTokens(exchanges)
  const map = { tokens: tokenViews(issued), routes: tokenRoutes(exchanges, knownTokens(issued)) }
  maps.set(exchanges, { length: exchanges.length, map })
  return map
}

/** The vendor part of a run view: masked tokens, their routes, what the run waits for. */
export function toVendorView(state: VendorState, exchanges: readonly HttpExchange[]): VendorRunView {
  const { tokens, routes } = tokenMap(exchanges)
  const view: VendorRunView = {
    mode: state.mode,
    region: state.region,
    apiBaseUrl: state.baseUrl,
    tokens: tokens.map((t) => ({ ...t, issuedBy: { ...t.issuedBy } })),
    routes: routes.map((r) => ({ ...r })),
  }
  const input = inputView(state)
  if (input) view.input = input
  if (state.account) view.account = { ...state.account }
  if (state.finalCheck) view.finalCheck = { ...state.finalCheck }
  return view
}

function inputView(state: VendorState): VendorInput | undefined {
  if (state.waiting === 'login') {
    return { kind: 'login', canRemember: state.canRemember, ...(state.problem && { problem: state.problem }) }
  }
  if (state.waiting === 'otp') {
    return {
      kind: 'otp',
      sends: state.otp.sends,
      ...(state.phoneNumber !== undefined && { phoneNumber: state.phoneNumber }),
      ...(state.otp.sentAt !== undefined && { sentAt: state.otp.sentAt }),
      ...(state.otp.resendAt !== undefined && { resendAt: state.otp.resendAt }),
      ...(state.problem && { problem: state.problem }),
      ...(state.otpExplanation && { explanation: state.otpExplanation }),
    }
  }
  return undefined
}
