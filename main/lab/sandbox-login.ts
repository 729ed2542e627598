import { DEMO_USERS } from '../sandbox/oidc/demo-users'

/**
 * Signs in on the embedded sandbox's real login and consent pages over HTTP, the way a browser
 * would (cookies, 303s, form posts), so a lab scenario is one click with no browser. This plays
 * the user's browser, not the tester's OAuth client: its requests are the sign-in pages, which
 * the client never sees either, so they are not recorded as the run's evidence.
 */
export interface SandboxLoginOptions {
  /** Click "Deny" on the consent page instead of "Allow". */
  deny?: boolean
  /** Another demo user (or a wrong password, on purpose); the first demo user by default. */
  login?: string
  password?: string
}

export type LoginOutcome =
  /** The server sent the browser to the client's redirect URI. */
  | { kind: 'redirect'; url: string }
  /** The server stopped at a page of its own (an error page: it would not redirect). */
  | { kind: 'page'; url: string; status: number; contentType: string; title?: string; text: string }
  /** Nothing came back in time (a user's browser sign-in). */
  | { kind: 'timeout'; seconds: number }

const MAX_HOPS = 20

export async function signInThroughSandbox(authorizeUrl: string, opts: SandboxLoginOptions = {}): Promise<LoginOutcome> {
  const user = { login: opts.login ?? DEMO_USERS[0]!.login, password: opts.password ?? DEMO_USERS[0]!.password }
  const jar = new Map<string, string>()
  const origin = new URL(authorizeUrl).origin
  let url = authorizeUrl
  let method: 'GET' | 'POST' = 'GET'
  let body: string | undefined

  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const res = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(body !== undefined && { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      ...(body !== undefined && { body }),
      signal: AbortSignal.timeout(15_000),
    })
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';')
      const eq = pair.indexOf('=')
      if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1))
    }
    if (res.status >= 300 && res.status < 400) {
      const location = new URL(res.headers.get('location') ?? '', url).toString()
      await res.arrayBuffer()
      // The first hop away from the server is the redirect to the client: the browser stops here.
      if (!location.startsWith(origin)) return { kind: 'redirect', url: location }
      url = location
      method = 'GET'
      body = undefined
      continue
    }
    const html = await res.text()
    const form = /\/interaction\/([^/"]+)\/(login|confirm)/.exec(html)
    if (res.status !== 200 || !form) return page(url, res, html)
    if (form[2] === 'login') {
      url = `${origin}/interaction/${form[1]}/login`
      body = new URLSearchParams({ login: user.login, password: user.password }).toString()
    } else {
      url = `${origin}/interaction/${form[1]}/${opts.deny ? 'abort' : 'confirm'}`
      body = ''
    }
    method = 'POST'
  }
  throw new Error('Too many redirects in the sandbox sign-in.')
}

function page(url: string, res: Response, html: string): LoginOutcome {
  const { title, text } = pageText(html)
  return { kind: 'page', url, status: res.status, contentType: res.headers.get('content-type') ?? '', ...(title !== undefined && { title }), text }
}

/** The title and visible text of an HTML page, for evidence (scripts and styles dropped). */
export function pageText(html: string): { title?: string; text: string } {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1]?.trim()
  const text = html
    .replace(/<(script|style|title)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 400)
  return { ...(title !== undefined && { title }), text }
}
