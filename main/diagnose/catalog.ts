import type { CatalogEntry } from './catalog-entry'
import { VENDOR_CATALOG } from './catalog-vendor'

/**
 * Every failure the tester can name, in our own words. Ids are stable: tests, the scenario
 * lab and exported reports refer to them. The rules in this folder pick an entry and rank
 * its causes with the evidence of a run.
 */
export const CATALOG = {
  // --- the redirect back to the app -------------------------------------------------------
  'callback.state_mismatch': {
    title: 'State mismatch',
    meaning:
      'The `state` in the redirect is not the one this run sent. The response may belong to another attempt, another session, or an attacker, so its code must not be used.',
    causes: [
      { id: 'state.other_attempt', text: 'The browser finished an older attempt (another tab, or a run restarted meanwhile).' },
      { id: 'state.altered', text: 'Something between the browser and the app changed the state (a proxy, a URL rewrite, a copy-paste that cut it).' },
      { id: 'state.csrf', text: 'A forged redirect (cross-site request forgery) carrying a code from someone else’s session.' },
    ],
    fixes: [
      'Start a new run and finish it in the same browser tab it opens.',
      'Compare state case-sensitively and byte for byte; never trim or re-encode it.',
      'Never exchange a code whose state does not match.',
    ],
    restartFrom: 'authorize',
  },
  'callback.state_missing': {
    title: 'State missing from the redirect',
    meaning:
      'The redirect carries no `state`, so it cannot be tied to this run. The server should echo back exactly the state it received.',
    causes: [
      { id: 'state.dropped_by_server', text: 'The authorization server did not echo `state` (a server bug or a proxy that strips it).' },
      { id: 'state.partial_paste', text: 'Only part of the redirect address was pasted.' },
      { id: 'state.forged', text: 'The redirect did not come from the authorization server at all.' },
    ],
    fixes: ['Paste the whole address from the browser bar.', 'Check that the server returns `state` unchanged.', 'Start a new run.'],
    restartFrom: 'authorize',
  },
  'callback.state_unknown': {
    title: 'Redirect from no run of this app',
    meaning:
      'The `state` matches no run this app started: possible CSRF, a redirect meant for another session, or a run from before the app restarted.',
    causes: [
      { id: 'state.previous_session', text: 'The redirect belongs to a run started before the app was restarted.' },
      { id: 'state.other_client', text: 'Another application registered the same redirect URI and its response reached us.' },
      { id: 'state.csrf', text: 'A forged redirect (cross-site request forgery).' },
    ],
    fixes: ['Ignore it, or start a new run and finish that one.'],
    restartFrom: 'authorize',
  },
  'callback.malformed': {
    title: 'Not an authorization response',
    meaning: 'What arrived is not a redirect the tester can read, so nothing was exchanged.',
    causes: [{ id: 'callback.bad_input', text: 'The pasted text is not the full redirect address.' }],
    fixes: ['Copy the whole address from the browser bar after the server redirected, including `?code=…&state=…`.'],
    restartFrom: 'callback',
  },
  'callback.duplicate': {
    title: 'Redirect already received',
    meaning: 'This run already received its redirect; a code is exchanged once only, so the second delivery was ignored.',
    causes: [
      { id: 'callback.double_delivery', text: 'The operating system or the browser delivered the same redirect twice, or the page was refreshed.' },
      { id: 'callback.two_ways', text: 'The redirect arrived by one way (loopback) and was pasted too.' },
    ],
    fixes: ['Nothing to do: the first delivery is being used.'],
  },
  'callback.run_finished': {
    title: 'Redirect for a finished run',
    meaning: 'The redirect belongs to a run that has already ended, so its code is not exchanged.',
    causes: [{ id: 'callback.late', text: 'The login finished after the run was cancelled, expired or completed.' }],
    fixes: ['Start a new run and complete it before its session ends.'],
    restartFrom: 'authorize',
  },
  'callback.no_redirect': {
    title: 'No redirect came back',
    meaning: 'The authorization page was opened, but the browser never came back to the tester’s redirect URI in the time allowed.',
    causes: [
      { id: 'callback.login_unfinished', text: 'The sign-in in the browser was not finished (or the tab was closed).' },
      { id: 'callback.elsewhere', text: 'The server sent the browser to another address: the redirect URI registered for the client is not the tester’s loopback address.' },
      { id: 'callback.error_page', text: 'The server showed an error page instead of redirecting (it does not redirect to an address it does not trust).' },
    ],
    fixes: ['Look at the browser tab the tester opened.', 'Register `http://127.0.0.1/<path>` (any port) for the client, or use the profile’s loopback port.'],
    restartFrom: 'authorize',
  },
  'callback.issuer_mismatch': {
    title: 'Issuer mismatch in the redirect (RFC 9207)',
    meaning:
      'The redirect names an `iss` different from the server this run talks to. This is how a mix-up attack shows: a code from one server sent to another.',
    causes: [
      { id: 'iss.mixup', text: 'The response came from a different authorization server than the one the request went to.' },
      { id: 'iss.config', text: 'The profile’s issuer differs from the one the server announces (trailing slash, http vs https, another host name).' },
    ],
    fixes: ['Check the profile’s issuer against the server’s discovery document.', 'Never send this code to the token endpoint.'],
    restartFrom: 'authorize',
  },
  'callback.issuer_missing': {
    title: 'Issuer missing from the redirect (RFC 9207)',
    meaning:
      'The server announces that it names itself (`iss`) in every authorization response, but this redirect has no `iss`. Without it a mix-up attack cannot be ruled out, so the code is not used.',
    causes: [
      { id: 'iss.stripped', text: 'Something between the server and the app dropped the parameter (a proxy, a URL rewrite, a partial paste).' },
      { id: 'iss.mixup', text: 'The response came from a different server that does not send `iss`.' },
      { id: 'iss.server_bug', text: 'The server advertises `authorization_response_iss_parameter_supported` but does not send `iss`.' },
    ],
    fixes: ['Paste the whole redirect address, or use the loopback way back.', 'If the server never sends `iss`, it should not advertise that it does.'],
    restartFrom: 'authorize',
  },
  'session.expired': {
    title: 'Authorization session expired',
    meaning: 'The run’s authorization session ran out before the flow finished. The vendor’s sessions last 10 minutes from the first step.',
    causes: [
      { id: 'session.slow_login', text: 'The login (or the OTP) took longer than the session allows.' },
      { id: 'session.pre_initiated', text: 'The flow was started long before the user was ready to log in.' },
    ],
    fixes: ['Restart the flow and finish it within the session time; watch the countdown.', 'Start the flow only when the user is ready.'],
    restartFrom: 'authorize',
  },

  'redirect_uri.mismatch': {
    title: 'Redirect URI mismatch',
    meaning:
      'A `redirect_uri` was not the exact string the server expects: either it is not registered for the client, or the token request named a different one than the authorization request. Servers compare it character by character, so one slash is enough.',
    causes: [
      { id: 'redirect_uri.not_registered', text: 'The address is not on the client’s list of registered redirect URIs for this environment.' },
      { id: 'redirect_uri.trailing_slash', text: 'One side ends in `/` and the other does not.' },
      { id: 'redirect_uri.scheme_or_host', text: 'Scheme, host or port differ (`http` vs `https`, `localhost` vs `127.0.0.1`, a missing port).' },
      { id: 'redirect_uri.query', text: 'A query string was added to the redirect URI, or differs.' },
      { id: 'redirect_uri.encoding', text: 'The address was encoded twice, or in different ways, on its way to the server.' },
    ],
    fixes: [
      'Use one redirect URI, stored once, for both the authorization and the token request.',
      'Register the exact address with the provider (scheme, host, port, path and trailing slash included).',
      'Keep state and other values out of the redirect URI; put them in `state`.',
    ],
    restartFrom: 'authorize',
  },
  'login.otp_required': {
    title: 'One-time code (OTP) required',
    meaning:
      'The user has a second factor, so the password alone does not finish the login: the server wants a one-time code sent by SMS or an app before it issues a login token.',
    causes: [
      { id: 'otp.not_sent', text: 'The login request carried no `otpCode` for a user who has OTP turned on.' },
      { id: 'otp.not_requested', text: 'The code was never requested, so the user has nothing to type in.' },
      { id: 'otp.expired', text: 'The code was older than its few minutes of life, or a newer one replaced it.' },
    ],
    fixes: [
      'Read the login answer’s OTP flag; when it is set, have the code sent and ask the user for it.',
      'Repeat the login with the same email and password plus `otpCode`.',
      'Watch the session countdown: the OTP round trip counts against it.',
    ],
    restartFrom: 'login',
  },

  // --- errors returned to the redirect URI (RFC 6749 §4.1.2.1, OIDC Core §3.1.2.6) -----------
  'authorize.access_denied': {
    title: 'Access denied by the user or the server',
    meaning: 'The user declined, or the server refused to grant access. This is the expected result when “Deny” is clicked.',
    causes: [
      { id: 'authorize.user_denied', text: 'The user clicked Deny or Cancel.' },
      { id: 'authorize.policy', text: 'A server policy refused this user or client.' },
    ],
    fixes: ['If it was intended, the app handled it. Otherwise run again and allow access.'],
    restartFrom: 'authorize',
  },
  'authorize.invalid_request': {
    title: 'Authorization request rejected (invalid_request)',
    meaning: 'The server found a parameter missing, repeated or malformed in the authorization request.',
    causes: [
      { id: 'authorize.missing_pkce', text: 'PKCE parameters missing (`code_challenge`, `code_challenge_method`) or wrongly encoded.' },
      { id: 'authorize.response_type', text: '`response_type` missing or not `code`.' },
      { id: 'authorize.missing_param', text: '`client_id`, `redirect_uri` or `state` missing.' },
    ],
    fixes: ['Send every required parameter with its exact, case-sensitive name.', 'Encode the challenge as base64url without padding.'],
    restartFrom: 'authorize',
  },
  'authorize.unauthorized_client': {
    title: 'Client not allowed to use this flow',
    meaning: 'The server knows the client but does not allow it the authorization-code grant (or OAuth is not enabled for it).',
    causes: [{ id: 'client.grant_not_enabled', text: 'The client is not configured for the authorization-code grant.' }],
    fixes: ['Ask the server administrator to enable the grant for this client.'],
    restartFrom: 'authorize',
  },
  'authorize.unsupported_response_type': {
    title: 'Response type not supported',
    meaning: 'The server does not issue authorization codes with this request.',
    causes: [{ id: 'authorize.response_type', text: 'The server or client registration does not allow `response_type=code`.' }],
    fixes: ['Check `response_types` in the client registration.'],
    restartFrom: 'authorize',
  },
  'authorize.invalid_scope': {
    title: 'Scope rejected',
    meaning: 'A requested scope is unknown to the server or not allowed for this client.',
    causes: [{ id: 'scope.unknown', text: 'A scope in the profile is misspelled or not granted to this client.' }],
    fixes: ['Compare the profile’s scopes with the server’s `scopes_supported` and the client registration.'],
    restartFrom: 'authorize',
  },
  'authorize.server_error': {
    title: 'Authorization server error',
    meaning: 'The server failed while handling the authorization request.',
    causes: [{ id: 'server.internal', text: 'A fault on the server side.' }],
    fixes: ['Retry later; if it persists, send the support bundle to the server’s operators.'],
    restartFrom: 'authorize',
  },
  'authorize.temporarily_unavailable': {
    title: 'Authorization server temporarily unavailable',
    meaning: 'The server is overloaded or in maintenance.',
    causes: [{ id: 'server.unavailable', text: 'Maintenance or overload.' }],
    fixes: ['Retry in a few minutes; check the provider’s status page.'],
    restartFrom: 'authorize',
  },
  'authorize.interaction_required': {
    title: 'The server needs the user',
    meaning: 'The request asked for no user interaction (`prompt=none`) but the server needs a login or consent.',
    causes: [{ id: 'authorize.prompt_none', text: '`prompt=none` was sent while the user has no session or has not consented.' }],
    fixes: ['Remove `prompt=none` from the profile’s extra parameters.'],
    restartFrom: 'authorize',
  },
  'authorize.other_error': {
    title: 'The server returned an error',
    meaning: 'The redirect carries an error this tester has no entry for; the server’s own description follows.',
    causes: [{ id: 'server.unlisted', text: 'A server-specific error.' }],
    fixes: ['Read the server’s error description and its documentation.'],
    restartFrom: 'authorize',
  },

  // --- token endpoint (RFC 6749 §5.2) ------------------------------------------------------
  'token.invalid_request': {
    title: 'Token request rejected (invalid_request)',
    meaning: 'The token endpoint found a parameter missing, repeated or malformed.',
    causes: [
      { id: 'token.missing_param', text: 'A required parameter (`code`, `redirect_uri`, `code_verifier`, `grant_type`) is missing.' },
      { id: 'token.body_format', text: 'The body has the wrong format (JSON where a form is expected, or the reverse).' },
    ],
    fixes: ['Send every parameter the grant needs, with exact names.', 'Check the endpoint’s expected content type.'],
    restartFrom: 'authorize',
  },
  'token.invalid_grant': {
    title: 'Authorization code rejected (invalid_grant)',
    meaning:
      'The server refused the code: it is unknown, expired, already used, issued to another client, or the PKCE verifier or redirect URI does not match what the authorization request carried.',
    causes: [
      { id: 'code.reused', text: 'The code was already exchanged (codes are single use).' },
      { id: 'code.expired', text: 'The code is older than its lifetime.' },
      { id: 'pkce.mismatch', text: 'The `code_verifier` does not hash to the `code_challenge` sent at the start.' },
      { id: 'redirect_uri.mismatch', text: 'The token request’s `redirect_uri` differs from the authorization request’s.' },
    ],
    fixes: [
      'Restart from the authorization step; never reuse a code.',
      'Keep the verifier from the start of the flow; do not generate a new one for the exchange.',
      'Send exactly the same redirect URI in both requests.',
    ],
    restartFrom: 'authorize',
  },
  'token.invalid_client': {
    title: 'Client authentication failed (invalid_client)',
    meaning: 'The server could not authenticate the client: unknown client, wrong secret or keys, or the wrong authentication method.',
    causes: [
      { id: 'client.wrong_secret', text: 'The client secret (or secret key) is wrong, revoked or expired.' },
      { id: 'client.wrong_environment', text: 'Keys from another environment (sandbox keys against production, or the reverse).' },
      { id: 'client.auth_method', text: 'The client authenticates with a method the server does not expect (Basic vs form body vs none).' },
      { id: 'client.missing_headers', text: 'Required client headers are missing or misnamed.' },
    ],
    fixes: ['Check the client id and secret for this environment.', 'Use the authentication method registered for the client.'],
    restartFrom: 'authorize',
  },
  'token.unauthorized_client': {
    title: 'Client not allowed this grant',
    meaning: 'The client authenticated, but may not use this grant type.',
    causes: [{ id: 'client.grant_not_enabled', text: 'The grant is not enabled for the client.' }],
    fixes: ['Ask the administrator to enable the grant.'],
    restartFrom: 'authorize',
  },
  'token.unsupported_grant_type': {
    title: 'Grant type not supported',
    meaning: 'The token endpoint does not know the `grant_type` that was sent.',
    causes: [{ id: 'token.grant_type', text: '`grant_type` misspelled or not supported by this server.' }],
    fixes: ['Send `authorization_code` for the exchange and `refresh_token` for refreshes.'],
    restartFrom: 'authorize',
  },
  'token.invalid_scope': {
    title: 'Scope rejected at the token endpoint',
    meaning: 'The requested scope exceeds what was granted or is unknown.',
    causes: [{ id: 'scope.exceeds', text: 'A scope wider than the original grant was requested.' }],
    fixes: ['Request only scopes that were granted.'],
    restartFrom: 'authorize',
  },
  'token.other_error': {
    title: 'Token endpoint returned an error',
    meaning: 'The token endpoint answered with an error this tester has no entry for.',
    causes: [{ id: 'server.unlisted', text: 'A server-specific error.' }],
    fixes: ['Read the server’s error description.'],
  },
  'token.not_json': {
    title: 'The token endpoint did not answer with JSON',
    meaning:
      'A token endpoint answers with a JSON object. This one sent something else (often an HTML page from a proxy, a gateway or a login page), so the URL or the network path is wrong.',
    causes: [
      { id: 'endpoint.wrong_url', text: 'The token endpoint URL points at a web page, not the API.' },
      { id: 'endpoint.proxy_page', text: 'A proxy, firewall or gateway answered with its own page.' },
    ],
    fixes: ['Check the token endpoint URL (use discovery when the server offers it).', 'Try the request without the proxy.'],
    restartFrom: 'discovery',
  },
  'token.malformed': {
    title: 'Token response not usable',
    meaning: 'The answer is JSON but lacks what a token response must contain.',
    causes: [{ id: 'server.nonstandard', text: 'The server’s response does not follow RFC 6749 §5.1.' }],
    fixes: ['Send the response (from the support bundle) to the server’s operators.'],
  },
  'pkce.validation_failed': {
    title: 'PKCE validation failed',
    meaning:
      'The token endpoint hashed the `code_verifier` it received and the result is not the `code_challenge` of the authorization request, so it will not hand out tokens for this code (RFC 7636 §4.6).',
    causes: [
      { id: 'pkce.mismatch.verifier_regenerated', text: 'A new verifier was generated for the exchange instead of reusing the one made before the authorization request.' },
      { id: 'pkce.mismatch.verifier_altered', text: 'The stored verifier was changed on its way to the exchange (cut short, trimmed, re-encoded).' },
      { id: 'pkce.mismatch.encoding', text: 'The challenge was computed with standard base64 (`+`, `/`, `=`) or hex instead of base64url without padding.' },
      { id: 'pkce.mismatch.challenge_as_verifier', text: 'The challenge itself was sent where the verifier belongs.' },
    ],
    fixes: [
      'Create the verifier once per flow, keep it with the flow’s state, and send that same value at the exchange.',
      'Compute the challenge as base64url(SHA-256(verifier)) with `-` and `_` and no `=` padding.',
      'Use a verifier of 43 to 128 characters from letters, digits and `-._~`.',
    ],
    restartFrom: 'authorize',
  },
  'code.reused': {
    title: 'Authorization code used twice',
    meaning:
      'This code had already been exchanged. A code works once; the second request is refused, and a careful server also withdraws the tokens of the first exchange (RFC 6749 §4.1.2).',
    causes: [
      { id: 'code.reused', text: 'The same code went to the token endpoint a second time.' },
      { id: 'code.retry', text: 'A retry after a timeout or a lost response sent the code again.' },
      { id: 'code.double_handler', text: 'Two handlers (a reloaded callback page, two tabs, a duplicated event) both exchanged it.' },
    ],
    fixes: [
      'Exchange a code exactly once; mark it spent before sending the request.',
      'Never retry a code exchange automatically: start a new authorization instead.',
    ],
    restartFrom: 'authorize',
  },
  'code.expired': {
    title: 'Authorization code expired',
    meaning: 'The code reached the token endpoint after its short lifetime had run out (usually a minute to ten), so the server no longer knows it.',
    causes: [
      { id: 'code.expired', text: 'Too much time passed between the redirect and the exchange.' },
      { id: 'code.clock_skew', text: 'The client and server clocks disagree about how old the code is.' },
    ],
    fixes: ['Exchange the code as soon as the redirect arrives.', 'Start a new authorization; an expired code cannot be revived.'],
    restartFrom: 'authorize',
  },
  'client.wrong_environment': {
    title: 'Client keys from another environment',
    meaning:
      'The request carried client credentials that belong to a different environment (or region) than the server it went to. Each environment issues its own keys, and none works anywhere else.',
    causes: [
      { id: 'client.wrong_environment', text: 'Sandbox keys were sent to production, or production keys to the sandbox.' },
      { id: 'client.wrong_region', text: 'Keys of one region were used against the other region.' },
    ],
    fixes: ['Take the keys from the profile of the environment you are calling.', 'Keep one profile per environment so keys and URLs travel together.'],
    restartFrom: 'authorize',
  },
  'http.bad_request': {
    title: 'Bad request (400)',
    meaning: 'The server could not accept the request as it was built: a parameter or header is missing, misspelled or malformed.',
    causes: [
      { id: 'request.missing_param', text: 'A required parameter or header is absent.' },
      { id: 'request.format', text: 'The body is in a format the endpoint does not read (JSON vs form) or is malformed.' },
    ],
    fixes: ['Compare the request with the endpoint’s documentation, name by name.', 'Check the `Content-Type` against the body.'],
    restartFrom: 'authorize',
  },
  'http.invalid_client_key': {
    title: 'Client key not recognised (498)',
    meaning: 'The vendor’s gateway answers 498 when it does not know the `x-client-key` sent, and stops the request before any OAuth logic runs: a typo, a revoked key, or a key of another environment or region.',
    causes: [
      { id: 'client.key_typo', text: 'The key is mistyped, truncated, or has spaces around it.' },
      { id: 'client.wrong_environment', text: 'The key belongs to the other environment (sandbox keys against production, or the reverse).' },
      { id: 'client.wrong_region', text: 'The key belongs to the other region: US keys need `x-us-env: true` on every call, international keys must not send it.' },
      { id: 'client.key_revoked', text: 'The key was revoked or regenerated by the vendor.' },
    ],
    fixes: [
      'Copy the client key again from what your Technical Account Manager (TAM) issued for this environment and region.',
      'Use sandbox keys with the sandbox host and production keys with production.',
      'For the US region send `x-us-env: true` on every step.',
    ],
    restartFrom: 'authorize',
  },
  'http.missing_client_key': {
    title: 'Client key missing (499)',
    meaning: 'The vendor’s gateway answers 499 when a request carries no `x-client-key` header. Every call of the flow needs it, OAuth and API alike (the hosted pages aside).',
    causes: [
      { id: 'client.key_header_missing', text: 'The request had no `x-client-key` header (a step, a proxy or a script dropped it).' },
      { id: 'client.key_header_name', text: 'The header is spelled differently (`x-client-id`, `client-key`, `x_client_key`); it must be `x-client-key`.' },
    ],
    fixes: ['Send `x-client-key: <your client key>` on every call, exactly with that name.', 'Check that no proxy strips custom headers.'],
    restartFrom: 'authorize',
  },
  'http.unauthorized': {
    title: 'Not authenticated (401)',
    meaning: 'The server did not accept the credentials or token that were sent.',
    causes: [{ id: 'auth.rejected', text: 'Missing, wrong or expired credentials.' }],
    fixes: ['Check which credential the request carried and whether it belongs to this endpoint.'],
    restartFrom: 'authorize',
  },
  'http.forbidden': {
    title: 'Forbidden (403)',
    meaning: 'The server knows who is calling but does not allow this request.',
    causes: [{ id: 'auth.scope', text: 'The token or client lacks the permission or scope needed.' }],
    fixes: ['Check the granted scopes and the client’s permissions.'],
    restartFrom: 'authorize',
  },
  'http.not_found': {
    title: 'Endpoint not found (404)',
    meaning: 'Nothing answers at this URL on the server.',
    causes: [{ id: 'endpoint.wrong_url', text: 'The endpoint path is wrong (typo, missing version prefix, wrong host).' }],
    fixes: ['Check the endpoint URL, or fill it from discovery.'],
    restartFrom: 'discovery',
  },
  'http.server_error': {
    title: 'Server error (5xx)',
    meaning: 'The server failed while handling the request.',
    causes: [{ id: 'server.internal', text: 'A fault on the server side.' }],
    fixes: ['Retry; if it persists, send the support bundle to the operators.'],
    restartFrom: 'authorize',
  },

  // --- after the exchange: refresh, revoke, introspect, calling APIs ------------------------
  'refresh.rotated_token_replayed': {
    title: 'Refresh token already rotated',
    meaning:
      'The refresh token sent had already been exchanged for a newer one. With rotation each refresh token works once; the newest one is the only one to use.',
    causes: [
      { id: 'rotation.old_copy', text: 'The client kept (or restored) an old copy of the refresh token instead of saving the one from the last refresh response.' },
      { id: 'rotation.concurrent', text: 'Two parts of the client (tabs, processes, a retry) refreshed at the same time with the same token.' },
      { id: 'rotation.lost_response', text: 'A refresh succeeded on the server but its response was lost, so the client retried with the old token.' },
    ],
    fixes: [
      'Always use the newest refresh token: save the `refresh_token` of every refresh response before anything else.',
      'Refresh one at a time per grant; let other callers wait for that refresh.',
      'Servers that detect reuse revoke the whole grant: if the newest tokens fail now too, sign in again.',
    ],
    restartFrom: 'authorize',
  },
  'refresh.replay_accepted': {
    title: 'Superseded refresh token accepted',
    meaning:
      'The server accepted a refresh token that had already been replaced by a newer one. Either it does not rotate refresh tokens, or it does not detect reuse, so a stolen old token stays usable.',
    causes: [
      { id: 'rotation.not_enforced', text: 'The server returns a new refresh token but keeps the old one valid.' },
      { id: 'rotation.grace_period', text: 'The server allows reuse for a short grace period after rotation.' },
    ],
    fixes: ['If rotation is meant to be on, check the server’s rotation and reuse-detection settings.'],
    restartFrom: 'refresh',
  },
  'refresh.expired': {
    title: 'Refresh token expired',
    meaning: 'The refresh token is past its lifetime, so the server no longer exchanges it; only a new sign-in gives a new one.',
    causes: [
      { id: 'refresh.lifetime', text: 'The refresh token outlived its lifetime (the server’s `refresh_token_expires_in`, or the profile’s default).' },
      { id: 'refresh.idle', text: 'The token was not used for longer than the server allows between refreshes.' },
    ],
    fixes: ['Sign in again (restart the flow).', 'Refresh before the refresh token expires if the session must last longer.'],
    restartFrom: 'authorize',
  },
  'refresh.revoked': {
    title: 'Refresh token revoked',
    meaning: 'The refresh token was revoked (by this app, a logout, or the user), so it cannot be exchanged any more.',
    causes: [
      { id: 'refresh.revoked_here', text: 'This app revoked the token, or a token of the same grant, earlier.' },
      { id: 'refresh.revoked_elsewhere', text: 'The user removed the app’s access, or an administrator revoked it.' },
    ],
    fixes: ['Sign in again (restart the flow).'],
    restartFrom: 'authorize',
  },
  'refresh.invalid_grant': {
    title: 'Refresh token rejected (invalid_grant)',
    meaning: 'The server refused the refresh token: it is unknown, expired, revoked, already rotated, or was issued to another client.',
    causes: [
      { id: 'refresh.grant_revoked_after_reuse', text: 'An older refresh token of this grant was replayed; servers that detect reuse then revoke every token of the grant.' },
      { id: 'refresh.expired', text: 'The refresh token expired (the server’s lifetime may be shorter than the client believes).' },
      { id: 'refresh.rotated', text: 'The token was already rotated by another refresh (always use the newest).' },
      { id: 'refresh.revoked', text: 'The token or its grant was revoked.' },
      { id: 'refresh.wrong_client', text: 'The token was issued to another client id.' },
    ],
    fixes: [
      'Always use the newest refresh token from the last refresh response.',
      'Check that `grant_type` is `refresh_token` and the client id is the one the token was issued to.',
      'Sign in again if the refresh token is gone.',
    ],
    restartFrom: 'authorize',
  },
  'api.unauthorized': {
    title: 'API call not authenticated (401)',
    meaning: 'The API did not accept the credential the request carried. After a successful exchange this is almost always the wrong token, a malformed header, or a token that has since ended.',
    causes: [
      { id: 'api.wrong_token_type', text: 'A token other than the final access token was sent (the ID token, the login token, or the refresh token).' },
      { id: 'api.bearer_format', text: 'The Authorization header is not exactly `Bearer <access token>` (another scheme, extra spaces or quotes).' },
      { id: 'api.missing_client_key', text: 'The `x-client-key` header is missing; the vendor’s APIs require it on every call.' },
      { id: 'api.token_expired', text: 'The access token has expired.' },
      { id: 'api.token_revoked', text: 'The access token (or its grant) was revoked, or the user logged out.' },
      { id: 'api.token_audience', text: 'The access token was issued for another API (audience or resource).' },
    ],
    fixes: [
      'Send the `access_token` from the token response as `Authorization: Bearer <token>`.',
      'Always include the `x-client-key` header on vendor API calls.',
      'Refresh the access token if it expired; sign in again if it was revoked.',
    ],
    restartFrom: 'api',
  },
  'api.token_confusion': {
    title: 'Wrong kind of token sent (token confusion)',
    meaning:
      'The API was given a token that is not the final access token: an ID token, a refresh token, the session JWT or the login token of an earlier step. Each token has exactly one place where it is accepted.',
    causes: [
      { id: 'api.wrong_token_type', text: 'A token of another kind was sent as the Bearer credential.' },
      { id: 'token_confusion.step_token', text: 'A token from an earlier step of the flow (session JWT, login token) was kept and reused.' },
    ],
    fixes: [
      'Send the `access_token` of the token response to APIs, and nothing else.',
      'ID tokens are for the client to read; refresh tokens go to the token endpoint only; step tokens stay inside their step.',
    ],
    restartFrom: 'api',
  },
  'api.invalid_request': {
    title: 'API request malformed (invalid_request)',
    meaning: 'The API says the request itself is broken (RFC 6750 §3.1): a parameter is missing or repeated, or the credential was sent in more than one way.',
    causes: [
      { id: 'api.bearer_format', text: 'The Authorization header is not exactly `Bearer <token>`.' },
      { id: 'api.token_twice', text: 'The token was sent in the header and in the query or body at once.' },
    ],
    fixes: ['Send the token once, as `Authorization: Bearer <token>` with a single space.'],
    restartFrom: 'api',
  },
  'api.invalid_token': {
    title: 'Access token not valid (invalid_token)',
    meaning: 'The API read the token but refuses it: expired, revoked, malformed, or issued for another API (RFC 6750 §3.1).',
    causes: [
      { id: 'api.token_expired', text: 'The access token has expired.' },
      { id: 'api.token_revoked', text: 'The token or its grant was revoked.' },
      { id: 'api.token_audience', text: 'The token was issued for a different audience or resource.' },
    ],
    fixes: ['Refresh the access token, or sign in again when the refresh token is gone too.', 'Ask for the token with the API’s resource or audience.'],
    restartFrom: 'api',
  },
  'api.insufficient_scope': {
    title: 'Token lacks the required scope (insufficient_scope)',
    meaning: 'The token is valid but does not carry the permission this API call needs (RFC 6750 §3.1).',
    causes: [
      { id: 'scope.not_requested', text: 'The scope was not requested in the authorization request.' },
      { id: 'scope.not_granted', text: 'The user or the server granted fewer scopes than requested.' },
    ],
    fixes: ['Add the scope the API names to the profile and run the flow again.', 'Check the `scope` of the token response.'],
    restartFrom: 'authorize',
  },
  'api.failed': {
    title: 'API call failed',
    meaning: 'The request with the token did not succeed; the status and body below say how.',
    causes: [{ id: 'api.other', text: 'See the status and the response body.' }],
    fixes: ['Read the response body; check the profile’s test request (method, URL, headers).'],
  },
  'revoke.failed': {
    title: 'Revocation refused',
    meaning: 'The server did not accept the revocation request. RFC 7009 servers answer 200 even for unknown tokens, so a refusal points at the request itself.',
    causes: [
      { id: 'revoke.client_auth', text: 'The client did not authenticate as the server expects (`invalid_client`).' },
      { id: 'revoke.unsupported_token_type', text: 'The server does not revoke this kind of token (`unsupported_token_type`).' },
      { id: 'revoke.wrong_endpoint', text: 'The revocation endpoint URL is wrong.' },
    ],
    fixes: ['Check the revocation endpoint and the client’s authentication method.'],
  },
  'introspect.failed': {
    title: 'Introspection failed',
    meaning: 'The introspection endpoint did not give an RFC 7662 answer (`{"active": …}`).',
    causes: [
      { id: 'introspect.client_auth', text: 'Introspection needs client authentication this client does not have (many servers allow it to confidential clients only).' },
      { id: 'introspect.wrong_endpoint', text: 'The introspection endpoint URL is wrong.' },
    ],
    fixes: ['Check the introspection endpoint and the client’s credentials.'],
  },

  // --- network -----------------------------------------------------------------------------
  'network.refused': {
    title: 'Connection refused',
    meaning: 'Nothing listens at the endpoint’s host and port.',
    causes: [{ id: 'network.down', text: 'The server is not running, or the port is wrong.' }],
    fixes: ['Check the endpoint URL and that the server runs.'],
    restartFrom: 'discovery',
  },
  'network.dns': {
    title: 'Host name not found',
    meaning: 'The endpoint’s host name could not be resolved.',
    causes: [{ id: 'network.host_typo', text: 'A typo in the host name, or no network / VPN.' }],
    fixes: ['Check the host name and your network connection.'],
    restartFrom: 'discovery',
  },
  'network.timeout': {
    title: 'No answer in time',
    meaning: 'The server did not answer before the timeout.',
    causes: [{ id: 'network.slow', text: 'The server is slow or overloaded, or a firewall drops the packets.' }],
    fixes: ['Retry; check firewalls and proxies.'],
    restartFrom: 'authorize',
  },
  'network.tls': {
    title: 'TLS (certificate) failure',
    meaning: 'The secure connection could not be established.',
    causes: [{ id: 'network.certificate', text: 'Self-signed, expired or mismatched certificate, or an intercepting proxy.' }],
    fixes: ['Check the server certificate; install the corporate CA if a proxy intercepts TLS.'],
    restartFrom: 'discovery',
  },
  'network.reset': {
    title: 'Connection closed by the server',
    meaning: 'The server closed the connection before answering.',
    causes: [{ id: 'network.reset', text: 'The server crashed or a proxy cut the connection.' }],
    fixes: ['Retry; check proxies and the server logs.'],
    restartFrom: 'authorize',
  },
  'network.other': {
    title: 'Network error',
    meaning: 'The request failed before any answer arrived.',
    causes: [{ id: 'network.other', text: 'See the error message.' }],
    fixes: ['Check the URL and the network.'],
    restartFrom: 'discovery',
  },

  // --- the tester itself ---------------------------------------------------------------------
  'discovery.failed': {
    title: 'Discovery failed',
    meaning: 'The server’s metadata (`/.well-known/openid-configuration`) could not be read, so the endpoints are unknown.',
    causes: [
      { id: 'discovery.wrong_issuer', text: 'The issuer URL is wrong, or the server does not publish discovery.' },
      { id: 'discovery.issuer_differs', text: 'The document names a different issuer than the profile.' },
    ],
    fixes: ['Check the issuer URL, or enter the endpoints by hand.'],
  },
  'profile.incomplete': {
    title: 'Profile incomplete',
    meaning: 'The profile lacks something the flow needs.',
    causes: [{ id: 'profile.missing_field', text: 'A required field is empty.' }],
    fixes: ['Edit the profile and fill the field named above.'],
  },
  'profile.invalid': {
    title: 'Profile not ready to run',
    meaning:
      'Validation found problems that would make the flow fail or put a secret at risk (plain http in production, a missing secret, a redirect URI the server refuses), so the run was not started.',
    causes: [{ id: 'profile.rule', text: 'A validation rule failed; each one names its field.' }],
    fixes: ['Open the profile (Edit), fix each field named above, save, and run again.'],
  },
  'capture.failed': {
    title: 'Could not listen for the redirect',
    meaning: 'The local listener for the redirect could not start.',
    causes: [{ id: 'capture.port_taken', text: 'The fixed loopback port is used by another program.' }],
    fixes: ['Use port 0 (any free port) or free the port.'],
  },
  'capture.unavailable': {
    title: 'This way back is not available here',
    meaning: 'The run asked for a way back this host cannot offer, so the authorization page was not opened.',
    causes: [{ id: 'capture.host', text: 'The in-app auth window exists only in the desktop app, not in the web host.' }],
    fixes: ['Choose loopback, deep link or paste in the run options, or run the desktop app.'],
  },
  'internal.error': {
    title: 'Internal error in the tester',
    meaning: 'Something failed inside OAuth Flow Tester itself. The run stopped safely; the report below helps us fix it.',
    causes: [{ id: 'internal.bug', text: 'A bug in the tester.' }],
    fixes: ['Copy the report and send it to the tester’s maintainers; start a new run.'],
    restartFrom: 'authorize',
  },

  // --- the vendor's four-step flow (catalog-vendor.ts) -----------------------------------------
  ...VENDOR_CATALOG,
} satisfies Record<string, CatalogEntry>

export type DiagnosisCode = keyof typeof CATALOG
