/**
 * The private channel by which the user subgraph hands session tokens to the
 * gateway for cookie delivery: a response header the gateway consumes and never
 * forwards to the client. Also the cookie names and the refresh-token header.
 */
export const SESSION_HEADER = 'x-vidhub-session';
/** Gateway -> user subgraph: the refresh token taken from the HTTP-only cookie. */
export const REFRESH_TOKEN_HEADER = 'x-refresh-token';
/** Client -> gateway: the device id of non-browser clients. */
export const DEVICE_ID_HEADER = 'x-device-id';
/** What a device id may look like; anything else is ignored and a new one issued. */
export const DEVICE_ID = /^[A-Za-z0-9_-]{16,64}$/;

export const COOKIES = { access: 'vh_access', refresh: 'vh_refresh', device: 'vh_device' } as const;

export type SessionInstruction =
  | { set: { accessToken: string; accessTokenExpiresAt: string; refreshToken: string; refreshTokenExpiresAt: string; deviceId: string } }
  | { clear: true };

export function encodeSession(instruction: SessionInstruction): string {
  return Buffer.from(JSON.stringify(instruction)).toString('base64url');
}

export function decodeSession(header: string): SessionInstruction | null {
  try {
    return JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as SessionInstruction;
  } catch {
    return null;
  }
}
