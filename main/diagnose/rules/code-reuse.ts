import { maskToken } from '../../../shared/mask'
import type { TokenRule } from '../explain-token-response'
import { bodyParams } from '../request-params'
import { cause, iso, requestLine, seconds } from './evidence'

/**
 * A code is single use (RFC 6749 §4.1.2): when the run already sent this same code, the
 * refusal is explained by that earlier request — when, and how it went.
 */
export const codeReuseRule: TokenRule = (response, ev) => {
  if (response.kind !== 'oauth-error' && response.kind !== 'gateway-error') return undefined
  const code = bodyParams(ev.exchange.request).code
  if (code === undefined || code === '') return undefined
  const first = (ev.earlier ?? []).find((ex) => ex.id !== ev.exchange.id && ex.request.method === 'POST' && bodyParams(ex.request).code === code)
  if (!first) return undefined
  const accepted = first.response !== undefined && first.response.status >= 200 && first.response.status < 300
  return cause(
    'code.reused',
    `This code had already been sent ${seconds(ev.exchange.startedAt - first.startedAt)} earlier${accepted ? ', and that exchange got tokens' : ''}: a code works once.`,
    'confirmed',
    [
      { label: 'code', value: maskToken(code) },
      { label: 'first exchanged at', value: iso(first.startedAt) },
      { label: 'first exchange', value: `${requestLine(first)} (exchange ${first.id})` },
      { label: 'sent again at', value: iso(ev.exchange.startedAt) },
      ...(ev.codeReceivedAt !== undefined ? [{ label: 'code age', value: seconds(ev.exchange.startedAt - ev.codeReceivedAt) }] : []),
    ],
  )
}
