import type { Cause, Evidence } from '../../../shared/domain/diagnosis'
import type { TokenRule } from '../explain-token-response'
import { bodyParams, queryParams } from '../request-params'
import { cause } from './evidence'
import { firstDifference } from './text-diff'

export type UriPart = 'scheme' | 'host' | 'port' | 'path' | 'trailing-slash' | 'query' | 'fragment' | 'encoding'

export interface UriDifference {
  part: UriPart
  expected: string
  actual: string
  /** One readable line: "trailing slash: `/callback` vs `/callback/`". */
  text: string
}

export interface UriComparison {
  same: boolean
  differences: UriDifference[]
  /** Where the raw strings first part ways, character by character. */
  first: string
}

interface Parts {
  scheme: string
  host: string
  port: string
  path: string
  query: string
  fragment: string
}

/** Splits a URI as written (not normalised: `:80` and `%2F` stay visible). */
function split(uri: string): Parts {
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):(?:\/\/([^/?#:]*)(?::(\d*))?)?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/.exec(uri)
  if (!m) return { scheme: '', host: '', port: '', path: uri, query: '', fragment: '' }
  return { scheme: m[1] ?? '', host: m[2] ?? '', port: m[3] ?? '', path: m[4] ?? '', query: m[5] ?? '', fragment: m[6] ?? '' }
}

const DEFAULT_PORTS: Record<string, string> = { http: '80', https: '443' }

/**
 * Compares two redirect URIs the way a server must (exact string match, RFC 6749 §3.1.2.3 and
 * §4.1.3) and says in words where they differ: scheme, host, port, path, trailing slash,
 * query, fragment, or only in encoding or letter case.
 */
export function compareRedirectUris(expected: string, actual: string): UriComparison {
  if (expected === actual) return { same: true, differences: [], first: 'identical' }
  const a = split(expected)
  const b = split(actual)
  const differences: UriDifference[] = []
  const add = (part: UriPart, x: string, y: string, text: string): void => {
    differences.push({ part, expected: x, actual: y, text })
  }
  const shown = (v: string): string => (v === '' ? '(none)' : `\`${v}\``)
  if (a.scheme !== b.scheme) add('scheme', a.scheme, b.scheme, `scheme: ${shown(a.scheme)} vs ${shown(b.scheme)}`)
  if (a.host !== b.host) {
    const onlyCase = a.host.toLowerCase() === b.host.toLowerCase()
    add('host', a.host, b.host, `host: ${shown(a.host)} vs ${shown(b.host)}${onlyCase ? ' (letter case only)' : ''}`)
  }
  if (a.port !== b.port) {
    const implied = (p: Parts): string => p.port || DEFAULT_PORTS[p.scheme.toLowerCase()] || ''
    const note = implied(a) === implied(b) ? ' (the same port, once written and once implied; servers compare the text)' : ''
    add('port', a.port, b.port, `port: ${shown(a.port)} vs ${shown(b.port)}${note}`)
  }
  if (a.path !== b.path) {
    if (a.path.replace(/\/+$/, '') === b.path.replace(/\/+$/, '')) {
      const which = b.path.endsWith('/') ? 'the second ends in `/`, the first does not' : 'the first ends in `/`, the second does not'
      add('trailing-slash', a.path, b.path, `trailing slash: ${shown(a.path)} vs ${shown(b.path)} (${which})`)
    } else if (safeDecode(a.path) === safeDecode(b.path)) {
      add('encoding', a.path, b.path, `path encoding: ${shown(a.path)} vs ${shown(b.path)} (the same path, encoded differently)`)
    } else {
      add('path', a.path, b.path, `path: ${shown(a.path)} vs ${shown(b.path)}${a.path.toLowerCase() === b.path.toLowerCase() ? ' (letter case only)' : ''}`)
    }
  }
  if (a.query !== b.query) add('query', a.query, b.query, `query: ${shown(a.query)} vs ${shown(b.query)}`)
  if (a.fragment !== b.fragment) add('fragment', a.fragment, b.fragment, `fragment: ${shown(a.fragment)} vs ${shown(b.fragment)}`)
  if (differences.length === 0) add('encoding', expected, actual, 'the same parts, written differently (encoding or letter case)')
  return { same: false, differences, first: firstDifference(expected, actual) }
}

const safeDecode = (v: string): string => {
  try {
    return decodeURIComponent(v)
  } catch {
    return v
  }
}

const CAUSE_OF: Record<UriPart, { id: string; text: string }> = {
  'trailing-slash': { id: 'redirect_uri.trailing_slash', text: 'The two redirect URIs differ by a trailing slash.' },
  scheme: { id: 'redirect_uri.scheme_or_host', text: 'The redirect URIs use different schemes.' },
  host: { id: 'redirect_uri.scheme_or_host', text: 'The redirect URIs name different hosts.' },
  port: { id: 'redirect_uri.scheme_or_host', text: 'The redirect URIs differ in their port.' },
  path: { id: 'redirect_uri.path', text: 'The redirect URIs have different paths.' },
  query: { id: 'redirect_uri.query', text: 'The redirect URIs differ in their query string.' },
  fragment: { id: 'redirect_uri.fragment', text: 'One redirect URI carries a fragment; redirect URIs must not have one.' },
  encoding: { id: 'redirect_uri.encoding', text: 'The redirect URIs are the same address written differently (encoding or letter case); servers compare the text.' },
}

/** A cause for two URIs that differ, named for their first difference, with the readable diff as evidence. */
export function mismatchCause(expected: { label: string; value: string }, actual: { label: string; value: string }, preface: string): Cause | undefined {
  const cmp = compareRedirectUris(expected.value, actual.value)
  const top = cmp.differences[0]
  if (cmp.same || !top) return undefined
  const kind = CAUSE_OF[top.part]
  const evidence: Evidence[] = [
    { label: expected.label, value: expected.value },
    { label: actual.label, value: actual.value },
    ...cmp.differences.map((d) => ({ label: 'difference', value: d.text })),
    { label: 'first difference', value: cmp.first },
  ]
  return cause(kind.id, `${preface} ${kind.text}`, 'confirmed', evidence)
}

/** The token request's redirect_uri against the authorization request's (RFC 6749 §4.1.3). */
export const redirectUriRule: TokenRule = (response, ev) => {
  if (response.kind !== 'oauth-error' && !(response.kind === 'gateway-error' && response.status === 400)) return undefined
  if (response.kind === 'oauth-error' && !['invalid_grant', 'invalid_request'].includes(response.error)) return undefined
  const atAuthorize = queryParams(ev.authorizeUrl).redirect_uri
  if (atAuthorize === undefined) return undefined
  const body = bodyParams(ev.exchange.request)
  if (body.grant_type !== undefined && body.grant_type !== 'authorization_code') return undefined
  const atToken = body.redirect_uri
  if (atToken === undefined) {
    return cause('redirect_uri.missing', 'The token request carried no `redirect_uri`, but the authorization request did; then it must be repeated exactly.', 'confirmed', [
      { label: 'redirect_uri at authorize', value: atAuthorize },
      { label: 'redirect_uri at token', value: '(missing)' },
    ])
  }
  return mismatchCause(
    { label: 'redirect_uri at authorize', value: atAuthorize },
    { label: 'redirect_uri at token', value: atToken },
    'The token request’s `redirect_uri` is not the one of the authorization request.',
  )
}

/**
 * The authorization endpoint refused the redirect URI (it shows an error page instead of
 * redirecting, RFC 6749 §4.1.2.1). Compared with the profile's registered one when known.
 */
export function redirectUriNotRegistered(sent: string, registered: string | undefined): Cause {
  const diff = registered !== undefined
    ? mismatchCause({ label: 'redirect_uri registered (profile)', value: registered }, { label: 'redirect_uri sent', value: sent }, 'The server does not have this address on the client’s list.')
    : undefined
  if (diff) return diff
  const text = registered === undefined
    ? 'The server does not have this redirect URI on the client’s list of registered addresses.'
    : 'The server refuses this redirect URI although the profile lists it as registered: the registration on the server differs from the profile.'
  return cause('redirect_uri.not_registered', text, 'likely', [
    { label: 'redirect_uri sent', value: sent },
    { label: 'redirect_uri registered (profile)', value: registered ?? '(the profile does not say)' },
  ])
}
