import type { Cause } from '../../../shared/domain/diagnosis'
import { cause, type ServerLogLine } from './evidence'

/**
 * What an embedded server logged about the request: the detail it keeps from the client
 * (“code_verifier does not match code_challenge”). Shown as the server's own word, after the
 * causes the tester found by itself.
 */
export function serverSaysCause(lines: readonly ServerLogLine[] | undefined): Cause | undefined {
  const withDetail = (lines ?? []).filter((l) => l.detail !== undefined || l.error !== '')
  if (withDetail.length === 0) return undefined
  const text = withDetail.map((l) => (l.detail ? `${l.error}: ${l.detail}` : l.error)).join('; ')
  // 'likely', not 'confirmed': it is the server's word, ranked after what the evidence proves.
  return cause('server.says', `The server’s own log says: ${text}.`, 'likely', withDetail.map((l) => ({ label: 'the server says', value: l.detail ? `${l.error}: ${l.detail}` : l.error })))
}
