import type { ProfileIssue } from '../../../shared/domain/profile'
import { redirectUriOf } from '../../../shared/domain/redirect-uri'
import { error, filled, warning, type Rule } from './rule'
import { isCustomScheme, isLocalhostName, isLoopbackIp, parseAnyUri } from './urls'

export { redirectUriOf }

/** Redirect URI rules from RFC 6749 §3.1.2 and RFC 8252 (native apps). */
export const redirectRules: Rule = (p) => {
  const out: ProfileIssue[] = []
  if (p.capture.method === 'loopback') {
    const path = p.capture.loopbackPath
    if (!path.startsWith('/') || /[?#\s]/.test(path)) {
      out.push(error('redirect.loopback-path', 'capture.loopbackPath', 'The loopback path must start with “/” and hold no “?”, “#” or spaces, e.g. /callback.'))
    }
    const port = p.capture.loopbackPort
    if (port > 0 && port < 1024) {
      out.push(warning('redirect.privileged-port', 'capture.loopbackPort', `Port ${port} needs administrator rights on most systems. Use a port above 1023 and register that one.`))
    }
    if (port === 0 && p.embedded === undefined) {
      out.push(
        warning(
          'redirect.loopback-any-port',
          'capture.loopbackPort',
          'The port changes every run. That works only if the server accepts any port on a loopback redirect URI (RFC 8252 §7.3); many compare the registered URI exactly. If yours does, set the registered port here.',
        ),
      )
    }
    return out
  }
  if (!filled(p.capture.redirectUri)) return out // required-rules says so
  const text = p.capture.redirectUri.trim()
  const uri = parseAnyUri(text)
  if (!uri) {
    out.push(error('redirect.invalid', 'capture.redirectUri', 'The redirect URI is not an absolute URI. Enter it like https://app.example.com/callback or com.example.app:/callback.'))
    return out
  }
  if (text.includes('#')) {
    out.push(error('redirect.fragment', 'capture.redirectUri', 'A redirect URI must not contain a fragment (RFC 6749 §3.1.2). Remove everything from “#” on.'))
  }
  if (uri.search !== '') {
    out.push(warning('redirect.query', 'capture.redirectUri', 'The redirect URI carries a query string. Servers compare redirect URIs exactly; make sure the registered URI has the very same query, or remove it.'))
  }
  if (isCustomScheme(uri)) {
    if (!uri.protocol.slice(0, -1).includes('.')) {
      out.push(warning('redirect.scheme-name', 'capture.redirectUri', `The scheme “${uri.protocol}” is not a reverse domain name. Use one you own, like com.example.app:/callback (RFC 8252 §7.1), so no other app can claim it.`))
    }
    return out
  }
  if (p.capture.method === 'deep-link') {
    out.push(warning('redirect.deep-link-http', 'capture.method', 'Deep-link capture needs a custom scheme (com.example.app:/callback); an http(s) redirect opens in the browser instead. Choose paste capture, or a custom scheme.'))
  }
  if (isLocalhostName(uri.hostname)) {
    out.push(warning('redirect.localhost', 'capture.redirectUri', 'Use 127.0.0.1 (or [::1]) instead of “localhost” in a loopback redirect URI (RFC 8252 §8.3): the name can resolve elsewhere, and the server must have it registered the same way.'))
  } else if (uri.protocol === 'http:' && !isLoopbackIp(uri.hostname)) {
    if (p.environment === 'production') {
      out.push(error('redirect.http-remote', 'capture.redirectUri', 'The code would travel over plain http to another machine. Production needs an https redirect URI (or loopback / a custom scheme).'))
    } else {
      out.push(warning('redirect.http-remote', 'capture.redirectUri', 'The code travels over plain http to another machine. Fine for a sandbox; use https for anything real.'))
    }
  }
  return out
}
