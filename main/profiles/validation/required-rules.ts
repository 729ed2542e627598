import type { ProfileDraft, ProfileIssue } from '../../../shared/domain/profile'
import { error, filled, isVendorFlow, warning, type Rule } from './rule'

/** What a profile must have before it can run, and embedded servers used the right way. */
export const requiredRules: Rule = (p) => {
  const out: ProfileIssue[] = []
  if (!filled(p.name)) out.push(error('required.name', 'name', 'Give the profile a name, e.g. "Acme production (EU)".'))
  if (!filled(p.clientId)) {
    out.push(
      error(
        'required.client-id',
        'clientId',
        isVendorFlow(p)
          ? 'Enter the client id: for the vendor it is the value of your client key (x-client-key).'
          : 'Enter the client id registered at the authorization server.',
      ),
    )
  }
  if (p.embedded !== undefined) {
    out.push(...embeddedRules(p))
    return out
  }
  if (p.flow === 'standard' && !filled(p.issuer)) {
    for (const key of ['authorize', 'token'] as const) {
      if (!filled(p.endpoints[key])) {
        out.push(
          error(
            'required.endpoint',
            `endpoints.${key}`,
            `Enter the issuer (its endpoints are then discovered), or type the ${key} endpoint by hand.`,
          ),
        )
      }
    }
  }
  if (isVendorFlow(p) && !filled(p.apiBaseUrl)) {
    out.push(
      error(
        'required.api-base-url',
        'apiBaseUrl',
        p.environment === 'production'
          ? 'Type the production API host your account manager gave you, e.g. https://api.example-partner.com.'
          : 'Type the vendor API host; the sandbox is https://dev.api.baanx.com.',
      ),
    )
  }
  if (p.capture.method !== 'loopback' && !filled(p.capture.redirectUri)) {
    out.push(
      error(
        'required.redirect-uri',
        'capture.redirectUri',
        'Enter the redirect URI registered for this client (exactly as registered), or choose the loopback capture.',
      ),
    )
  }
  return out
}

function embeddedRules(p: ProfileDraft): ProfileIssue[] {
  const out: ProfileIssue[] = []
  if (p.embedded === 'oidc-sandbox' && p.flow !== 'standard') {
    out.push(error('embedded.flow', 'flow', 'The local sandbox speaks standard OAuth 2.0 / OIDC. Choose the standard flow, or the local vendor simulator for the vendor flow.'))
  }
  if (p.embedded === 'vendor-simulator' && p.flow === 'standard') {
    out.push(error('embedded.flow', 'flow', 'The vendor simulator runs the vendor’s four-step flow. Choose hosted UI or API mode, or the local sandbox for standard OAuth.'))
  }
  // The vendor simulator has a production-like environment of its own (stricter redirect rules,
  // its own keys), chosen by this very field; the OIDC sandbox has none.
  if (p.environment === 'production' && p.embedded === 'oidc-sandbox') {
    out.push(
      error(
        'embedded.production',
        'environment',
        'The local sandbox runs on this machine and is never production. Set the environment to sandbox, or point the profile at your production server.',
      ),
    )
  }
  if (filled(p.issuer) || filled(p.apiBaseUrl)) {
    out.push(warning('embedded.endpoints-ignored', 'embedded', 'The embedded server supplies its own address, so the issuer and API host typed here are ignored. Clear them, or stop using the embedded server.'))
  }
  return out
}
