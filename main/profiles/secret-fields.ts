import type { ProfileDraft } from '../../shared/domain/profile'
import { isSecretHeaderName, isSecretParamName } from './validation/secret-words'
import { parseHttpUrl } from './validation/urls'

/**
 * Places where a secret value could sneak into a profile despite the vault: a secret-looking
 * extra parameter or header, a plain client header named like a secret, a password inside a
 * URL. Save refuses them; export and import drop them.
 */
export function secretFieldsIn(p: ProfileDraft): string[] {
  const out: string[] = []
  for (const [group, params] of [
    ['extraAuthorizeParams', p.extraAuthorizeParams],
    ['extraTokenParams', p.extraTokenParams],
  ] as const) {
    for (const name of Object.keys(params)) if (isSecretParamName(name)) out.push(`${group}.${name}`)
  }
  for (const [group, headers] of [
    ['extraHeaders', p.extraHeaders],
    ['clientHeaders', p.clientHeaders],
    ['testRequest.headers', p.testRequest?.headers ?? {}],
  ] as const) {
    for (const name of Object.keys(headers)) if (isSecretHeaderName(name)) out.push(`${group}.${name}`)
  }
  const urls: [string, string | undefined][] = [
    ['issuer', p.issuer],
    ['apiBaseUrl', p.apiBaseUrl],
    ['capture.redirectUri', p.capture.redirectUri],
    ['testRequest.url', p.testRequest?.url],
    ...Object.entries(p.endpoints).map(([k, v]) => [`endpoints.${k}`, v] as [string, string | undefined]),
  ]
  for (const [field, value] of urls) {
    const url = value ? parseHttpUrl(value) : undefined
    if (url && (url.username !== '' || url.password !== '')) out.push(field)
  }
  return out
}

/** A copy without the fields `secretFieldsIn` names. */
export function withoutSecretFields<T extends ProfileDraft>(p: T): T {
  const copy = structuredClone(p)
  for (const field of secretFieldsIn(copy)) {
    const [group, ...rest] = field.split('.')
    const name = rest.join('.')
    if (group === 'extraAuthorizeParams' || group === 'extraTokenParams' || group === 'extraHeaders' || group === 'clientHeaders') {
      delete copy[group][name]
    } else if (field.startsWith('testRequest.headers.') && copy.testRequest) {
      delete copy.testRequest.headers[field.slice('testRequest.headers.'.length)]
    } else {
      stripCredentials(copy, field)
    }
  }
  return copy
}

function stripCredentials(p: ProfileDraft, field: string): void {
  const clean = (value: string | undefined): string | undefined => {
    const url = value ? parseHttpUrl(value) : undefined
    if (!url) return value
    url.username = ''
    url.password = ''
    return url.toString()
  }
  if (field === 'issuer') p.issuer = clean(p.issuer)
  else if (field === 'apiBaseUrl') p.apiBaseUrl = clean(p.apiBaseUrl)
  else if (field === 'capture.redirectUri') p.capture.redirectUri = clean(p.capture.redirectUri)
  else if (field === 'testRequest.url' && p.testRequest) p.testRequest.url = clean(p.testRequest.url) ?? ''
  else if (field.startsWith('endpoints.')) {
    const key = field.slice('endpoints.'.length) as keyof ProfileDraft['endpoints']
    p.endpoints[key] = clean(p.endpoints[key])
  }
}
