import type { Profile } from '../../shared/domain/profile'
import type { CaptureMethod } from '../../shared/domain/run'
import { SANDBOX_DEEP_LINK, SANDBOX_PASTE_REDIRECT } from '../sandbox/oidc/oidc-sandbox'
import { DEEP_LINK_SCHEME, isOurDeepLink } from './deep-link'

/** How a run's redirect will come back, decided before the browser is sent off. */
export type WayBackPlan =
  /** Open a loopback listener; its address is the redirect URI (RFC 8252 §7.3). */
  | { kind: 'listen'; port: number; path: string }
  /** A fixed redirect URI; `warning` says when it cannot come back the chosen way by itself. */
  | { kind: 'fixed'; redirectUri: string; warning?: string }
  | { kind: 'missing'; reason: string }

/**
 * The redirect URI for a way back. The embedded sandbox has one registered address per way
 * (loopback any port, the app's scheme, and a loopback address nobody listens on for paste);
 * other profiles use the redirect URI their client has registered.
 */
export function planWayBack(method: CaptureMethod, profile: Pick<Profile, 'embedded' | 'capture'>): WayBackPlan {
  const listen: WayBackPlan = { kind: 'listen', port: profile.capture.loopbackPort, path: profile.capture.loopbackPath }
  if (profile.embedded === 'oidc-sandbox') {
    if (method === 'deep-link') return { kind: 'fixed', redirectUri: SANDBOX_DEEP_LINK }
    if (method === 'paste') return { kind: 'fixed', redirectUri: SANDBOX_PASTE_REDIRECT }
    // The auth window stops at the loopback address before loading it; the listener behind
    // it means a redirect the window misses still arrives.
    return listen
  }
  const fixed = profile.capture.redirectUri
  switch (method) {
    case 'loopback':
      return listen
    case 'auth-window':
      return fixed ? { kind: 'fixed', redirectUri: fixed } : listen
    case 'paste':
      return fixed ? { kind: 'fixed', redirectUri: fixed } : { kind: 'missing', reason: 'The profile has no redirect URI to paste from: set the redirect URI registered for this client.' }
    case 'deep-link':
      if (!fixed) {
        return { kind: 'missing', reason: `The profile has no redirect URI for the deep link: register \`${DEEP_LINK_SCHEME}:/callback\` with the client and enter it in the profile.` }
      }
      return isOurDeepLink(fixed)
        ? { kind: 'fixed', redirectUri: fixed }
        : {
            kind: 'fixed',
            redirectUri: fixed,
            warning: `The redirect URI "${fixed}" does not use this app's scheme (${DEEP_LINK_SCHEME}:), so the operating system will not hand it back here. Paste the address the browser ends on.`,
          }
  }
}
