import type { Cause, Evidence } from '../../../shared/domain/diagnosis'
import type { HttpExchange } from '../../http/exchange'
import { cause, header } from './evidence'

/** Signatures of pages that are not the API: gateways, proxies, web login pages. */
const GATEWAYS: { test: RegExp; name: string }[] = [
  { test: /cloudflare/i, name: 'Cloudflare' },
  { test: /akamai/i, name: 'Akamai' },
  { test: /squid/i, name: 'a Squid proxy' },
  { test: /zscaler/i, name: 'Zscaler' },
  { test: /bad gateway|gateway time-?out|service unavailable/i, name: 'a gateway' },
  { test: /nginx/i, name: 'nginx' },
]

const titleOf = (body: string): string | undefined => /<title[^>]*>([^<]{0,200})<\/title>/i.exec(body)?.[1]?.replace(/\s+/g, ' ').trim()

/**
 * A token endpoint that answered with something other than JSON: a redirect, an HTML page
 * (login form, proxy or gateway page), or text. Says which, from the response itself and from
 * where the request went compared with where the server says its token endpoint is.
 */
export function nonJsonCause(ex: HttpExchange, endpoints: { authorize?: string; token?: string } = {}): Cause | undefined {
  const res = ex.response
  if (!res) return undefined
  const type = res.headers['content-type'] ?? ''
  const url = ex.request.url
  const where: Evidence = { label: 'URL called', value: url }
  const status: Evidence = { label: 'status', value: String(res.status) }
  if (res.status >= 300 && res.status < 400) {
    return cause('endpoint.redirected', 'The endpoint redirected instead of answering: usually a web login page or a URL the server moved (http → https, a missing path).', 'likely', [
      where,
      status,
      { label: 'redirected to', value: res.headers.location ?? '(no Location header)' },
    ])
  }
  const sameEndpoint = (a: string | undefined): boolean => a !== undefined && stripQuery(a) === stripQuery(url)
  if (sameEndpoint(endpoints.authorize)) {
    return cause('endpoint.authorize_as_token', 'The token request went to the authorization endpoint: the profile’s token URL is the authorize URL.', 'confirmed', [
      where,
      { label: 'authorization endpoint', value: endpoints.authorize ?? '' },
      ...(endpoints.token ? [{ label: 'token endpoint (discovery)', value: endpoints.token }] : []),
    ])
  }
  const body = res.body
  const isHtml = type.includes('html') || /^\s*<(!doctype|html)/i.test(body)
  const title = isHtml ? titleOf(body) : undefined
  const server = header(res.headers, 'server') ?? ''
  const evidence: Evidence[] = [where, status, { label: 'content-type', value: type || '(none)' }]
  if (title) evidence.push({ label: 'page title', value: title })
  if (endpoints.token !== undefined && !sameEndpoint(endpoints.token)) evidence.push({ label: 'token endpoint (discovery)', value: endpoints.token })
  const gateway = GATEWAYS.find((g) => g.test.test(`${server} ${title ?? ''} ${isHtml ? body.slice(0, 2000) : ''}`))
  if (isHtml && /<form[\s\S]*type=["']?password/i.test(body)) {
    return cause('endpoint.login_page', 'A login page answered: the URL leads to a web sign-in form, not to the token API.', 'likely', evidence)
  }
  if (isHtml && gateway) {
    return cause('endpoint.proxy_page', `A page from ${gateway.name} answered instead of the token endpoint: a proxy or gateway stopped the request.`, 'likely', [...evidence, ...(server ? [{ label: 'server header', value: server }] : [])])
  }
  if (endpoints.token !== undefined && !sameEndpoint(endpoints.token)) {
    return cause('endpoint.wrong_url', `The request went to ${url}, but the server announces its token endpoint at ${endpoints.token}.`, 'confirmed', evidence)
  }
  if (isHtml) return cause('endpoint.proxy_page', 'An HTML page answered: a web page, a proxy or a gateway, not a token endpoint.', 'likely', evidence)
  return cause('endpoint.wrong_url', 'The endpoint answered with something that is not JSON.', 'likely', evidence)
}

const stripQuery = (url: string): string => url.split(/[?#]/)[0]!.replace(/\/+$/, '')
