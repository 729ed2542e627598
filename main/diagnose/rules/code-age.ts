import type { TokenRule } from '../explain-token-response'
import { bodyParams } from '../request-params'
import { cause, iso, seconds } from './evidence'

/** The code's age when it was sent, against the lifetime the profile expects. */
export const codeAgeRule: TokenRule = (response, ev) => {
  if (response.kind !== 'oauth-error' || !['invalid_grant', 'invalid_request'].includes(response.error)) return undefined
  if (ev.codeReceivedAt === undefined || ev.codeLifetimeSeconds === undefined) return undefined
  if (bodyParams(ev.exchange.request).grant_type === 'refresh_token') return undefined
  const ageMs = ev.exchange.startedAt - ev.codeReceivedAt
  if (ageMs < ev.codeLifetimeSeconds * 1000) return undefined
  return cause('code.expired', `The code was ${seconds(ageMs)} old when it was sent; codes of this profile live ${ev.codeLifetimeSeconds} s.`, 'likely', [
    { label: 'code received at', value: iso(ev.codeReceivedAt) },
    { label: 'code sent at', value: iso(ev.exchange.startedAt) },
    { label: 'code age at exchange', value: seconds(ageMs) },
    { label: 'code lifetime', value: `${ev.codeLifetimeSeconds} s` },
  ])
}
