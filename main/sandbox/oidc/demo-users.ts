/**
 * The embedded sandbox's test users. Their passwords are printed on the login page on
 * purpose: this server exists so a first run needs no account anywhere.
 */
export interface DemoUser {
  id: string
  login: string
  password: string
  name: string
  email: string
}

export const DEMO_USERS: readonly DemoUser[] = [
  { id: 'alice', login: 'alice', password: 'wonderland', name: 'Alice Example', email: 'alice@sandbox.test' },
  { id: 'bob', login: 'bob', password: 'builder', name: 'Bob Example', email: 'bob@sandbox.test' },
]

export const findDemoUser = (login: string, password: string): DemoUser | undefined =>
  DEMO_USERS.find((u) => u.login === login && u.password === password)
