import type { Viewer } from '../lib/auth/identity.js';
import type { Logger } from '../lib/observability/logger.js';
import type { AccessEntry } from './access.js';
import type { SessionInstruction } from '../lib/auth/session.js';

export interface GatewayContext {
  requestId: string;
  viewer: Viewer;
  log?: Logger;
  /** The internal identity token for this request, signed on first use. */
  identityToken: () => Promise<string>;
  /** The refresh token from the HTTP-only cookie, forwarded to the user subgraph only. */
  refreshCookie?: string;
  /** Aborted when the client disconnects before its response is sent. */
  signal?: AbortSignal;
  /**
   * Set where one answer may serve several viewers (the subscription bridge):
   * whether a subgraph fetch selects only viewer-independent fields, so that it
   * may merge with identical fetches of other viewers. Absent: never.
   */
  shareAcrossViewers?: (query: string, subgraph: string) => boolean;
  /** The client's request was multipart: its variables may hold files. */
  multipart?: boolean;
  /** Sets or clears the session cookies on the client's response. */
  applySession?: (instruction: SessionInstruction) => void;
  /** The operation's access-log entry (gateway/access.ts); absent for the internal contexts of subscription events. */
  access?: AccessEntry;
}
