import { ENVIRONMENT_CONFIGS, ENVIRONMENTS, REGIONS, regionLabel } from './environments'
import type { RequestContext } from './context'
import { checkOtp } from './otp'
import type { LoginTokenRecord } from './region-store'
import { issueLoginToken } from './tokens'
import type { VendorUser } from './users'

export type SignIn =
  | { kind: 'invalid-credentials'; note: string }
  | { kind: 'otp-required'; user: VendorUser }
  | { kind: 'otp-wrong' | 'otp-expired' | 'otp-not-sent'; user: VendorUser }
  | { kind: 'onboarding'; user: VendorUser }
  | { kind: 'signed-in'; user: VendorUser; token: LoginTokenRecord }

/**
 * The login decision, shared by `POST /v1/auth/login` and the hosted UI's sign-in page. It
 * follows the login reference's decision table (baanx-oauth.md §3.2): OTP users get no token
 * until the code is right; a user still onboarding gets the phase instead of a token; a user
 * whose registration is partly done gets both.
 */
export function signIn(ctx: RequestContext, email: string, password: string, otpCode: string | undefined): SignIn {
  const users = ctx.env.config.users[ctx.region]
  const user = users.find((u) => u.email.toLowerCase() === email.toLowerCase())
  if (!user || user.password !== password) {
    return { kind: 'invalid-credentials', note: user ? 'Wrong password.' : elsewhereNote(email, ctx) }
  }
  return continueSignIn(ctx, user, otpCode)
}

/** After the password: the OTP (when the user has one) and the onboarding phase. */
export function continueSignIn(ctx: RequestContext, user: VendorUser, otpCode: string | undefined): SignIn {
  if (user.otp) {
    if (otpCode === undefined) return { kind: 'otp-required', user }
    const otp = checkOtp(ctx.store, user, otpCode, ctx.now)
    if (otp !== 'ok') return { kind: `otp-${otp}`, user }
  }
  if (!user.loginGivesToken) return { kind: 'onboarding', user }
  return { kind: 'signed-in', user, token: issueLoginToken(ctx.store, ctx.region, user.userId, ctx.now, ctx.env.core.options.lifetimes) }
}

/** Where a user with this email does exist, so a wrong environment or region is easy to spot. */
function elsewhereNote(email: string, ctx: RequestContext): string {
  for (const environment of ENVIRONMENTS) {
    for (const region of REGIONS) {
      if (environment === ctx.env.config.name && region === ctx.region) continue
      if (ENVIRONMENT_CONFIGS[environment].users[region].some((u) => u.email.toLowerCase() === email.toLowerCase())) {
        return `No such user here; ${email} exists in the ${environment} environment, ${regionLabel(region)}.`
      }
    }
  }
  return 'No such user.'
}
