import { classifyBearer, requireLoginToken } from '../bearer'
import type { ClientContext } from '../context'
import { jsonFields, stringField } from '../http-io'
import { issueCode } from '../issue-code'
import { invalidRequest, json, missingParameter, type Reply } from '../replies'

/**
 * Step 3 in API mode: `POST /v1/auth/oauth/authorize` (baanx-oauth.md §3.4). Two different
 * tokens: the login accessToken as Bearer, the step-1 session JWT as `token` in the JSON body.
 * Either one in the other's place is the guide's "token confusion", and the answer says so.
 */
export async function authorize(ctx: ClientContext): Promise<Reply> {
  const bearer = requireLoginToken(classifyBearer(ctx.req.header('authorization'), ctx.env.core.stores, ctx.where), ctx.now)
  if (!bearer.ok) return bearer.reply
  if (ctx.req.body.kind === 'form') return invalidRequest('This endpoint takes a JSON body (Content-Type: application/json).', 'form-encoded-body')
  const sessionToken = stringField(jsonFields(ctx.req.body), 'token')
  if (sessionToken === undefined) return missingParameter('token')
  const issued = await issueCode(ctx, sessionToken, bearer.record.userId)
  if (!issued.ok) return issued.reply
  ctx.note('code.issued', { detail: `mode=api, user ${bearer.record.userId}` })
  return json(200, { url: issued.value.url, code: issued.value.code, state: issued.value.state })
}
