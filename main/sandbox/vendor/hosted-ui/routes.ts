import { decodeJwt } from 'jose'
import type { ClientContext, RequestContext } from '../context'
import { REGIONS, regionLabel } from '../environments'
import { issueCode, withQuery } from '../issue-code'
import { sendOtp } from '../otp'
import type { Reply } from '../replies'
import type { SessionCheck } from '../sessions'
import { continueSignIn, signIn, type SignIn } from '../sign-in'
import type { VendorUser } from '../users'
import type { HostedFlow } from './hosted-flows'
import { consentPage, errorPage, loginPage, otpPage, type PageFrame } from './pages'

/**
 * The hosted UI (hosted-UI mode, baanx-oauth.md §2): sign in, the OTP when the user has one,
 * allow or deny, then the browser goes to `redirect_uri?state=…&code=…`. "Allow" calls step 3
 * (authorize) internally, as the real hosted UI does. "Deny" sends `error=access_denied`, the
 * guide's "user clicked deny". The session's 10 minutes are checked on every page.
 */
const html = (status: number, body: string): Reply => ({ status, html: body })

/** `GET /hosted?session=<step-1 JWT>`: the URL initiate hands out. */
export async function hostedEntry(base: RequestContext): Promise<Reply> {
  const token = base.req.query.get('session') ?? ''
  let claimed: unknown
  try {
    claimed = decodeJwt(token).region
  } catch {
    claimed = undefined
  }
  const region = REGIONS.find((r) => r === claimed)
  if (!region) return html(400, errorPage(undefined, 'Not a sign-in link', 'This page needs the URL that step 1 (initiate) returned.'))
  // The browser sends no x-us-env: the session itself says which region it belongs to.
  const ctx = base.forRegion(region)
  const f: PageFrame = { env: ctx.env.config, region: ctx.region }
  const check = await ctx.env.core.sessions.check(token, ctx.store, ctx.where)
  if (!check.ok) return sessionProblem(f, check)
  if (check.record.usedAt !== undefined) return html(400, errorPage(f, 'Already signed in', 'This session already finished. Start again from your app.'))
  const flow = ctx.env.core.hosted.create({
    environment: ctx.env.config.name,
    region: ctx.region,
    sessionToken: token,
    sessionId: check.record.id,
  })
  return html(200, loginPage(f, flow.id, check.record.clientKey, ctx.env.config.users[ctx.region]))
}

/** `POST /hosted/<action>`: the forms of the pages above. */
export async function hostedAction(base: RequestContext, action: 'login' | 'otp' | 'otp/resend' | 'consent'): Promise<Reply> {
  const form = base.req.body.kind === 'form' ? base.req.body.value : new URLSearchParams()
  const flow = base.env.core.hosted.get(form.get('flow'))
  if (!flow || flow.environment !== base.env.config.name) {
    return html(400, errorPage(undefined, 'Unknown sign-in', 'This form does not belong to a sign-in in progress here. Start again from your app.'))
  }
  const ctx = base.forRegion(flow.region)
  const f: PageFrame = { env: ctx.env.config, region: ctx.region }
  const check = await ctx.env.core.sessions.check(flow.sessionToken, ctx.store, ctx.where)
  if (!check.ok) return sessionProblem(f, check)
  const session = check.record
  const client = ctx.env.config.clients[ctx.region].find((c) => c.clientKey === session.clientKey)
  if (!client) return html(400, errorPage(f, 'Unknown client', 'Start again from your app.'))
  const user = ctx.env.config.users[ctx.region].find((u) => u.userId === flow.userId)
  const users = ctx.env.config.users[ctx.region]

  if (action === 'login' && flow.stage === 'login') {
    const email = form.get('email') ?? ''
    const outcome = signIn(ctx, email, form.get('password') ?? '', undefined)
    ctx.note(`hosted.login.${outcome.kind}`, { email })
    if (outcome.kind === 'invalid-credentials') return html(200, loginPage(f, flow.id, client.clientKey, users, `Wrong email or password. ${outcome.note}`, email))
    return afterSignIn(ctx, f, flow, client.clientKey, outcome)
  }
  if (action === 'otp' && flow.stage === 'otp' && user) {
    const code = (form.get('otpCode') ?? '').trim()
    if (!/^\d{6}$/.test(code)) return html(200, otpPage(f, flow.id, user, undefined, 'The code is 6 digits.'))
    const outcome = continueSignIn(ctx, user, code)
    ctx.note(`hosted.otp.${outcome.kind}`, { email: user.email })
    return afterSignIn(ctx, f, flow, client.clientKey, outcome)
  }
  if (action === 'otp/resend' && flow.stage === 'otp' && user) return sendCode(ctx, f, flow, user)
  if (action === 'consent' && flow.stage === 'consent' && user) {
    if (form.get('decision') !== 'allow') {
      flow.stage = 'done'
      ctx.note('hosted.denied', { email: user.email })
      return {
        status: 303,
        location: withQuery(session.redirectUri, { error: 'access_denied', error_description: 'The user denied access.', state: session.state }),
      }
    }
    const cctx: ClientContext = { ...ctx, client }
    const issued = await issueCode(cctx, flow.sessionToken, user.userId)
    if (!issued.ok) {
      const body = issued.reply.json as { error_description?: string } | undefined
      return html(400, errorPage(f, 'Could not finish', body?.error_description ?? 'Start again from your app.'))
    }
    flow.stage = 'done'
    ctx.note('code.issued', { detail: `mode=hosted, user ${user.email}` })
    return { status: 303, location: issued.value.url }
  }
  return html(400, errorPage(f, 'Out of order', 'This step does not fit where this sign-in is. Start again from your app.'))
}

function afterSignIn(ctx: RequestContext, f: PageFrame, flow: HostedFlow, clientKey: string, outcome: SignIn): Promise<Reply> | Reply {
  switch (outcome.kind) {
    case 'invalid-credentials':
      return html(200, loginPage(f, flow.id, clientKey, ctx.env.config.users[ctx.region], 'Wrong email or password.'))
    case 'otp-required':
      flow.stage = 'otp'
      flow.userId = outcome.user.userId
      flow.email = outcome.user.email
      return sendCode(ctx, f, flow, outcome.user)
    case 'otp-wrong':
    case 'otp-not-sent':
      return html(200, otpPage(f, flow.id, outcome.user, undefined, 'That code is not right. Try again or send a new one.'))
    case 'otp-expired':
      return html(200, otpPage(f, flow.id, outcome.user, undefined, 'That code expired. Send a new one.'))
    case 'onboarding':
      return html(
        200,
        errorPage(f, 'Account setup incomplete', `This account still has onboarding to finish (phase ${outcome.user.phase ?? 'unknown'}), so it cannot sign in to apps yet.`),
      )
    case 'signed-in':
      flow.stage = 'consent'
      flow.userId = outcome.user.userId
      flow.email = outcome.user.email
      return html(200, consentPage(f, flow.id, clientKey, outcome.user))
  }
}

/** The hosted UI triggers the SMS itself, and shows the simulated message's code. */
function sendCode(ctx: RequestContext, f: PageFrame, flow: HostedFlow, user: VendorUser): Reply {
  const sent = sendOtp(ctx.store, user, ctx.now, ctx.env.core.options)
  if (!sent.ok) {
    ctx.note('otp.rate-limited', { email: user.email })
    return html(429, otpPage(f, flow.id, user, undefined, `Too many codes sent. Try again in ${sent.retryAfterSeconds} s.`))
  }
  ctx.note('otp.sent', { email: user.email, otpCode: sent.code, detail: `SMS to ${user.phoneNumber} (hosted UI)` })
  return html(200, otpPage(f, flow.id, user, sent.code))
}

function sessionProblem(f: PageFrame, check: Extract<SessionCheck, { ok: false }>): Reply {
  switch (check.reason) {
    case 'expired':
      return html(400, errorPage(f, 'Session expired', 'The sign-in session lasts 10 minutes and this one is over. Go back to your app and start again.'))
    case 'wrong-environment':
      return html(400, errorPage(f, 'Wrong environment', `This sign-in was started in the ${check.belongsTo} environment.`))
    case 'wrong-region':
      return html(400, errorPage(f, 'Wrong region', `This sign-in was started in the ${regionLabel(check.belongsTo === 'us' ? 'us' : 'international')}.`))
    default:
      return html(400, errorPage(f, 'Invalid session', 'This sign-in link is not valid here. Start again from your app.'))
  }
}
