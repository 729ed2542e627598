import type { ClientContext } from '../context'
import { jsonFields } from '../http-io'
import { sendOtp } from '../otp'
import { gatewayError, json, validationError, type FieldProblem, type Reply } from '../replies'
import { signIn, type SignIn } from '../sign-in'
import type { VendorUser } from '../users'

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Step 2: `POST /v1/auth/login` (baanx-oauth.md §3.2). Body problems are 422 in the validation
 * shape; wrong credentials are 400; "OTP required" depends on the `loginErrors` option (200 with
 * `isOtpRequired: true`, or 400).
 */
export function login(ctx: ClientContext): Reply {
  const fields = jsonFields(ctx.req.body)
  const problems: FieldProblem[] = []
  if (!fields) return validationError([{ field: 'body', message: 'Expected a JSON object (Content-Type: application/json).' }])
  const { email, password, otpCode } = fields
  if (typeof email !== 'string' || email === '') problems.push({ field: 'email', message: 'email is required' })
  else if (!EMAIL.test(email)) problems.push({ field: 'email', message: 'email must be a valid email address' })
  if (typeof password !== 'string' || password === '') problems.push({ field: 'password', message: 'password is required' })
  if (otpCode !== undefined && (typeof otpCode !== 'string' || !/^\d{6}$/.test(otpCode))) {
    problems.push({ field: 'otpCode', message: 'otpCode must be a string of 6 digits' })
  }
  if (problems.length > 0) return validationError(problems)

  const outcome = signIn(ctx, email as string, password as string, otpCode as string | undefined)
  ctx.note(`login.${outcome.kind}`, outcome.kind === 'invalid-credentials' ? { detail: outcome.note } : { email: outcome.user.email })
  return loginReply(ctx, outcome)
}

function loginReply(ctx: ClientContext, outcome: SignIn): Reply {
  switch (outcome.kind) {
    case 'invalid-credentials':
      return gatewayError(400, 'Invalid credentials', 'invalid-credentials', outcome.note)
    case 'otp-wrong':
      return gatewayError(400, 'Invalid OTP code', 'otp-wrong', 'The code does not match the last one sent.')
    case 'otp-not-sent':
      return gatewayError(400, 'Invalid OTP code', 'otp-not-sent', 'No code was sent to this user: call POST /v1/auth/login/otp first.')
    case 'otp-expired':
      return gatewayError(400, 'OTP code expired', 'otp-expired', 'Send a new one with POST /v1/auth/login/otp.')
    case 'otp-required':
      if (ctx.env.core.options.loginErrors === 'status') {
        return {
          status: 400,
          reason: 'otp-required',
          json: {
            message: 'OTP required',
            isOtpRequired: true,
            userId: outcome.user.userId,
            phoneNumber: outcome.user.phoneNumber,
            simulator: { reason: 'otp-required', note: 'Call POST /v1/auth/login/otp with this userId, then log in again with otpCode.' },
          },
        }
      }
      return json(200, body(ctx, outcome.user, null, true))
    case 'onboarding':
      return json(200, body(ctx, outcome.user, null, false))
    case 'signed-in':
      return json(200, body(ctx, outcome.user, outcome.token.token, false))
  }
}

function body(ctx: ClientContext, user: VendorUser, accessToken: string | null, otpRequired: boolean): Record<string, unknown> {
  return {
    accessToken,
    userId: user.userId,
    isOtpRequired: otpRequired,
    ...(otpRequired && { phoneNumber: user.phoneNumber }),
    phase: otpRequired ? null : user.phase,
    verificationState: user.verificationState,
    isLinked: ctx.store.isLinked(ctx.client.clientKey, user.userId),
  }
}

/** `POST /v1/auth/login/otp` (§3.3): "sends" the SMS; the code shows on /_simulator and in the log. */
export function sendLoginOtp(ctx: ClientContext): Reply {
  const fields = jsonFields(ctx.req.body)
  const userId = fields?.userId
  if (typeof userId !== 'string' || !UUID.test(userId)) {
    return validationError([{ field: 'userId', message: 'userId is required and must be a UUID (from the login reply)' }])
  }
  const user = ctx.env.config.users[ctx.region].find((u) => u.userId === userId)
  if (!user) return gatewayError(400, 'Invalid userId', 'unknown-user', 'No user with this id in this environment and region.')
  if (!user.otp) return gatewayError(400, 'OTP is not enabled for this user', 'otp-not-enabled')
  const sent = sendOtp(ctx.store, user, ctx.now, ctx.env.core.options)
  if (!sent.ok) {
    ctx.note('otp.rate-limited', { email: user.email })
    return gatewayError(429, 'Too many requests', 'otp-rate-limited', `Too many codes sent; retry in ${sent.retryAfterSeconds} s.`, {
      'retry-after': String(sent.retryAfterSeconds),
    })
  }
  ctx.note('otp.sent', { email: user.email, otpCode: sent.code, detail: `SMS to ${user.phoneNumber}` })
  return json(200, { success: true })
}
