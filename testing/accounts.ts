/**
 * Accounts as the end-to-end tests make them: signed up through the gateway
 * with the typed RegisterAccount operation, tokens in the response body.
 */
import assert from 'node:assert/strict';
import { gql } from './client.js';
import { RegisterAccountDocument, type SessionFieldsFragment } from './__generated__/operations.js';

/** A signed-in session whose tokens came in the body (delivery BODY, the default). */
export type Session = SessionFieldsFragment & { accessToken: string; refreshToken: string };

/** The password `signUp` gives an account unless told otherwise. */
export const TEST_PASSWORD = 'pass-word-99';

/** Registers an account and returns its session; any error fails the test. */
export async function signUp(
  url: string,
  username: string,
  opts: { password?: string; displayName?: string; headers?: Record<string, string> } = {},
): Promise<Session> {
  const res = await gql(url, RegisterAccountDocument, { username, password: opts.password ?? TEST_PASSWORD, displayName: opts.displayName ?? null }, { headers: opts.headers });
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  const session = res.data!.register;
  assert.ok(session.accessToken && session.refreshToken, 'tokens in the body');
  return { ...session, accessToken: session.accessToken, refreshToken: session.refreshToken };
}

/** Request options that act as a session: its access token and the device it is bound to. */
export const as = (session: { accessToken?: string | null; deviceId: string }) => ({ token: session.accessToken ?? undefined, headers: { 'x-device-id': session.deviceId } });

/** A refresh token's id (`jti`) and login (`fam`, its token family), read from the JWT without checking it. */
export function refreshClaims(refreshToken: string): { jti: string; fam: string } {
  return JSON.parse(Buffer.from(refreshToken.split('.')[1]!, 'base64url').toString()) as { jti: string; fam: string };
}
