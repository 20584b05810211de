import type { Viewer } from '../lib/identity.js';

export interface GatewayContext {
  requestId: string;
  viewer: Viewer;
  /** The internal identity token for this request, signed on first use. */
  identityToken: () => Promise<string>;
}
