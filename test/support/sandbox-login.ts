import http from 'node:http'
import { signInThroughSandbox } from '../../main/lab/sandbox-login'

/**
 * Walks the embedded sandbox's real login and consent pages over HTTP, the way a browser would
 * (the lab's own sign-in, `main/lab/sandbox-login.ts`), and returns the final redirect to the
 * client. No mock: the same pages a tester clicks through in the browser.
 */
export interface LoginOptions {
  login?: string
  password?: string
  /** Click "Deny" on the consent page instead of "Allow". */
  deny?: boolean
  /** Follow the final redirect too (e.g. to hit a loopback listener) and return its body. */
  followFinal?: boolean
}

export interface LoginResult {
  /** The URL the server redirected the browser to at the end (the client's redirect URI). */
  redirect: string
  /** The loopback page's body, when followFinal was set. */
  finalBody?: string
}

export async function loginThroughSandbox(authorizeUrl: string, opts: LoginOptions = {}): Promise<LoginResult> {
  const outcome = await signInThroughSandbox(authorizeUrl, {
    ...(opts.deny !== undefined && { deny: opts.deny }),
    ...(opts.login !== undefined && { login: opts.login }),
    ...(opts.password !== undefined && { password: opts.password }),
  })
  if (outcome.kind === 'timeout') throw new Error(`The sandbox sign-in timed out after ${outcome.seconds} s.`)
  if (outcome.kind === 'page') throw new Error(`Sandbox answered ${outcome.status} at ${outcome.url}: ${outcome.text}`)
  if (!opts.followFinal) return { redirect: outcome.url }
  return { redirect: outcome.url, finalBody: await getOnce(outcome.url) }
}

/**
 * One GET without connection pooling: each run's loopback listener has its own port, and a
 * pooled client per origin would pile up in this process (the browser does this hop for real).
 */
function getOnce(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve(body))
    })
    req.on('error', reject)
  })
}
