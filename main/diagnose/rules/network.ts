import type { Cause, Evidence } from '../../../shared/domain/diagnosis'
import type { HttpExchange } from '../../http/exchange'
import { cause, seconds } from './evidence'

/** Why a request got no answer, with the host, port and scheme it went to. */
export function networkCause(ex: HttpExchange): Cause | undefined {
  const error = ex.error
  if (!error) return undefined
  let url: URL | undefined
  try {
    url = new URL(ex.request.url)
  } catch {
    url = undefined
  }
  const port = url ? url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '') : ''
  const target: Evidence[] = url ? [{ label: 'host', value: url.hostname }, { label: 'port', value: port }, { label: 'scheme', value: url.protocol.replace(':', '') }] : [{ label: 'URL', value: ex.request.url }]
  const said: Evidence = { label: 'error', value: `${error.message}${error.code ? ` (${error.code})` : ''}` }
  switch (error.kind) {
    case 'refused':
      return cause('network.down', `Nothing listens on ${url?.hostname ?? 'the host'} port ${port}: the server is not running there, or the port is wrong.`, 'confirmed', [...target, said])
    case 'dns':
      return cause('network.host_typo', `The name ${url?.hostname ?? ''} does not resolve: a typo in the host, or no network or VPN.`, 'confirmed', [...target, said])
    case 'timeout':
      return cause('network.slow', `No answer within ${seconds(ex.durationMs)}: the server is slow, or a firewall drops the packets.`, 'likely', [...target, said])
    case 'reset':
      return cause('network.reset', 'The connection was cut before an answer came: the server crashed, or a proxy closed it.', 'likely', [...target, said])
    case 'tls':
      if (/wrong version number|packet length too long|http request/i.test(`${error.message} ${error.code ?? ''}`)) {
        return cause('network.tls_to_plain_http', 'The URL says https, but the server at that port speaks plain http (or the reverse).', 'confirmed', [...target, said])
      }
      return cause('network.certificate', 'The server’s certificate was not accepted: self-signed, expired, for another name, or replaced by an intercepting proxy.', 'likely', [...target, said])
    case 'invalid-url':
      return cause('network.bad_url', 'The URL itself is not valid.', 'confirmed', [{ label: 'URL', value: ex.request.url }, said])
    default:
      return cause('network.other', error.message, 'possible', [...target, said])
  }
}
