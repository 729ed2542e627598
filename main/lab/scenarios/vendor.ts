import type { LabExpectation } from '../../../shared/domain/lab'

/**
 * The vendor four-step flow's scenarios (initiate → login/OTP → authorize → token), as data.
 * They need the vendor flow to drive them, so they are not registered yet: once that flow
 * lands, each gets a `run` that takes the vendor steps up to its fault, and is added to the
 * registry (`scenarios/index.ts`) with target `vendor-simulator` (and `profile` where it makes
 * sense). Their rules and catalog entries exist and are unit tested already.
 */
export interface PendingScenario {
  id: string
  title: string
  fault: string
  step: string
  expected: LabExpectation
}

export const PENDING_VENDOR_SCENARIOS: readonly PendingScenario[] = [
  {
    id: 'vendor-wrong-client-key',
    title: 'Wrong client key',
    fault: 'Sends an `x-client-key` the gateway does not know.',
    step: 'initiate',
    expected: { code: 'http.invalid_client_key', evidence: ['status'] },
  },
  {
    id: 'vendor-missing-client-key',
    title: 'Missing client key',
    fault: 'Leaves `x-client-key` out of a request.',
    step: 'token',
    expected: { code: 'http.missing_client_key', cause: 'client.key_header_missing', evidence: ['headers sent', 'status'] },
  },
  {
    id: 'vendor-sandbox-key-in-production',
    title: 'Sandbox key against production',
    fault: 'Sends the sandbox profile’s client key to the production environment.',
    step: 'token',
    expected: { code: 'client.wrong_environment', cause: 'client.wrong_environment', evidence: ['x-client-key sent', 'key belongs to', 'request went to'] },
  },
  {
    id: 'vendor-session-jwt-as-access-token',
    title: 'Session JWT used as access token',
    fault: 'Calls the user profile endpoint with the step-1 session JWT as Bearer.',
    step: 'api',
    expected: { code: 'api.token_confusion', cause: 'api.wrong_token_type', evidence: ['token sent', 'where it belongs'] },
  },
  {
    id: 'vendor-login-token-as-access-token',
    title: 'Login token used as access token',
    fault: 'Calls the user profile endpoint with the login token of step 2 as Bearer.',
    step: 'api',
    expected: { code: 'api.token_confusion', cause: 'api.wrong_token_type', evidence: ['token sent', 'where it belongs'] },
  },
  {
    id: 'vendor-otp-missing',
    title: 'OTP required but not sent',
    fault: 'Logs in an OTP user with the password only.',
    step: 'login',
    expected: { code: 'login.otp_required', cause: 'otp.not_sent', evidence: [] },
  },
  {
    id: 'vendor-session-expired',
    title: 'Vendor session older than 10 minutes',
    fault: 'Lets the simulator’s clock pass the session JWT’s 10 minutes before the authorize step.',
    step: 'authorize',
    expected: { code: 'session.expired', cause: 'session.slow_login', evidence: ['session started', 'session length', 'session age'] },
  },
]
