import type { ProfileDraft } from './profile'

/**
 * The redirect URI a run of this profile sends: for loopback capture, 127.0.0.1 with the fixed
 * port (or a placeholder when the OS picks one); otherwise the URI typed in the profile.
 */
export function redirectUriOf(p: Pick<ProfileDraft, 'capture'>): string | undefined {
  if (p.capture.method === 'loopback') {
    const port = p.capture.loopbackPort === 0 ? '<any port>' : String(p.capture.loopbackPort)
    return `http://127.0.0.1:${port}${p.capture.loopbackPath}`
  }
  const typed = p.capture.redirectUri?.trim()
  return typed ? typed : undefined
}
