import type { CatalogEntry } from './catalog-entry'

/**
 * Failures that only exist in the vendor's four-step flow (initiate → login (+OTP) →
 * authorize → token), in our own words after the vendor's troubleshooting guide. Failures
 * that the standard entries already name (missing parameter, invalid_grant, a wrong secret at
 * the token endpoint, a 401 from an API, the session running out) reuse those ids; see
 * `explain-vendor-step.ts` for which reply maps where. Ids are stable.
 */
export const VENDOR_CATALOG = {
  'vendor.invalid_client': {
    title: 'Client keys refused (invalid_client)',
    meaning: 'An OAuth endpoint of the vendor refused the client: the keys are unknown here, belong to another environment or region, or `client_id` differs from `x-client-key`.',
    causes: [
      { id: 'client.wrong_environment', text: 'Keys of another environment (sandbox keys used in production, or the reverse).' },
      { id: 'client.wrong_region', text: 'Keys of the other region (US keys without `x-us-env: true`, or the reverse).' },
      { id: 'client.client_id_mismatch', text: '`client_id` in the query is not the same value as the `x-client-key` header.' },
      { id: 'client.revoked', text: 'The keys were revoked or expired.' },
    ],
    fixes: ['Check both keys and the environment they were issued for.', 'Send the client key as `client_id` too: the vendor expects the same value.'],
    restartFrom: 'initiate',
  },
  'vendor.redirect_uri_mismatch': {
    title: 'Redirect URI not registered (redirect_uri mismatch)',
    meaning:
      'The vendor compares `redirect_uri` character by character with the URIs whitelisted for the environment: a trailing slash, a query string, `http` instead of `https` or an unapproved custom scheme each make it a different URI.',
    causes: [
      { id: 'redirect_uri.trailing_slash', text: 'It differs from the registered URI by a trailing slash.' },
      { id: 'redirect_uri.query', text: 'It carries a query string; registered URIs have none.' },
      { id: 'redirect_uri.http_in_production', text: 'It uses `http`; production requires `https` (http is for sandbox only).' },
      { id: 'redirect_uri.custom_scheme', text: 'A custom scheme that the vendor has not approved for this environment.' },
      { id: 'redirect_uri.not_whitelisted', text: 'The URI was never whitelisted for this environment.' },
    ],
    fixes: [
      'Send exactly the registered URI: same scheme, host, path and trailing slash, no query string.',
      'Ask your TAM to whitelist the URI (custom schemes need their approval).',
    ],
    restartFrom: 'initiate',
  },
  'vendor.token_confusion': {
    title: 'Token confusion: a token in the wrong place',
    meaning:
      'The vendor flow hands out four tokens and each belongs in exactly one place: the session JWT in the step 3 body, the login token as step 3’s Bearer, the final access token on API calls, the refresh token at the token endpoint. One of them was sent where another belongs.',
    causes: [
      { id: 'confusion.session_jwt_as_bearer', text: 'The step 1 session JWT was sent as `Authorization: Bearer`.' },
      { id: 'confusion.login_token_as_bearer', text: 'The step 2 login token was used for an API call (it only authorizes step 3).' },
      { id: 'confusion.login_token_in_body', text: 'The login token was sent as `token` in the step 3 body, where the session JWT belongs.' },
      { id: 'confusion.oauth_token_at_authorize', text: 'A final access or refresh token was sent as step 3’s Bearer, where the login token belongs.' },
      { id: 'confusion.refresh_as_bearer', text: 'The refresh token was sent as a Bearer; it only goes to the token endpoint.' },
    ],
    fixes: [
      'Session JWT: only in the step 3 body (`token`).',
      'Login token: only in step 3’s `Authorization: Bearer` header.',
      'Final access token (from step 4): every API call after the flow.',
      'Refresh token: only to the token endpoint with `grant_type=refresh_token`.',
    ],
  },
  'vendor.otp_required': {
    title: 'One-time code required',
    meaning:
      'The account has a second factor: the login answers without a token and says `isOtpRequired: true` (or 400 “OTP required”). The app asks the vendor to send the code (`POST /v1/auth/login/otp` with the `userId`), then posts the login again with `otpCode`.',
    causes: [
      { id: 'otp.enabled', text: 'The user has OTP (two-factor) enabled.' },
      { id: 'otp.not_sent_in_login', text: 'The login carried no `otpCode`.' },
      { id: 'otp.login_not_finished', text: 'The client went on to step 3 after a login that asked for a code, without logging in again with it.' },
    ],
    fixes: ['Press “Send code”, then enter the 6-digit code from the SMS.', 'A client must read `isOtpRequired` from the login answer, not only the status code.'],
  },
  'vendor.otp_invalid': {
    title: 'One-time code refused',
    meaning: 'The vendor refused the code: it is not the last one sent, or no code was sent to this user yet.',
    causes: [
      { id: 'otp.mistyped', text: 'The code was mistyped, or it is an older code (each send replaces the previous one).' },
      { id: 'otp.not_sent', text: 'No code was sent for this login: “Send code” calls `POST /v1/auth/login/otp` first.' },
    ],
    fixes: ['Enter the newest code exactly (6 digits).', 'If no SMS arrived, press “Send code” (or “Resend” when its timer allows).'],
  },
  'vendor.otp_expired': {
    title: 'One-time code expired',
    meaning: 'The code was right but too old: codes live a few minutes.',
    causes: [{ id: 'otp.too_slow', text: 'More than the code’s lifetime passed between the SMS and the login.' }],
    fixes: ['Press “Resend” and enter the new code promptly.'],
  },
  'vendor.invalid_credentials': {
    title: 'Email or password refused',
    meaning: 'The vendor’s login refused the email and password (400 “Invalid credentials”).',
    causes: [
      { id: 'login.wrong_password', text: 'The password is wrong.' },
      { id: 'login.other_environment', text: 'The user exists in the other environment or region only (sandbox users are not in production).' },
      { id: 'login.unknown_user', text: 'No user with this email.' },
    ],
    fixes: ['Check the email and password for this environment and region.', 'Repeated failures may lock the account: do not retry in a loop.'],
  },
  'vendor.login_validation': {
    title: 'Login request not valid (422)',
    meaning: 'The vendor validated the login body and listed what is wrong with each field.',
    causes: [
      { id: 'login.field_format', text: 'A field is missing or has the wrong format (email, or an `otpCode` that is not 6 digits).' },
      { id: 'login.not_json', text: 'The body is not JSON (`Content-Type: application/json`).' },
    ],
    fixes: ['Fix the fields named in the answer and try again.'],
  },
  'vendor.onboarding_incomplete': {
    title: 'Account onboarding not finished',
    meaning: 'The login answered without a token and named a `phase`: the user must finish registration (that phase) before the app can be authorized.',
    causes: [{ id: 'account.phase', text: 'The account is still in an onboarding phase.' }],
    fixes: ['Finish the named onboarding phase for this user, or sign in with another user.'],
  },
  'vendor.rate_limited': {
    title: 'Too many requests (429)',
    meaning: 'The vendor limits logins and OTP sends; it answered 429 with the time to wait.',
    causes: [{ id: 'rate.too_many', text: 'Too many codes or logins in a short time.' }],
    fixes: ['Wait the time the answer gives (`retry-after`), then try once.', 'Do not retry in a loop: it can lock the account.'],
  },
  'vendor.unexpected_reply': {
    title: 'Unexpected answer from the vendor',
    meaning: 'A step answered successfully but without what the flow needs next (a token, a code, a URL).',
    causes: [{ id: 'server.nonstandard', text: 'The answer does not have the documented shape.' }],
    fixes: ['Send the exchange (from the run) to the vendor’s support.'],
  },
} satisfies Record<string, CatalogEntry>
