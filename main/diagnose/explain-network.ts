import type { NetworkError } from '../http/exchange'
import type { DiagnosisCode } from './catalog'

/** The catalog entry for a request that got no answer. */
export function networkCode(error: NetworkError): DiagnosisCode {
  switch (error.kind) {
    case 'refused':
      return 'network.refused'
    case 'dns':
      return 'network.dns'
    case 'timeout':
      return 'network.timeout'
    case 'tls':
      return 'network.tls'
    case 'reset':
      return 'network.reset'
    default:
      return 'network.other'
  }
}
