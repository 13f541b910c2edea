// The vendor runtime's own helpers (@alicloud/openapi-util), the independent peer the signing and
// flattening tests compare the client with: its query flattening, and the ACS3 Authorization it
// computes for a request as the loopback server received it.
import OpenApiUtilModule from '@alicloud/openapi-util';
import * as $tea from '@alicloud/tea-typescript';
import { createHash } from 'node:crypto';
import type { Received } from './server.js';

// A CommonJS default export: vitest hands over the class, tsc types the module around it.
export const OpenApiUtil = ((OpenApiUtilModule as unknown as { default?: typeof OpenApiUtilModule }).default ?? OpenApiUtilModule) as unknown as {
  query(filter: Record<string, unknown>): Record<string, string>;
  getAuthorization(request: $tea.Request, algorithm: string, payload: string, accessKeyId: string, secret: string): string;
};

/** What openapi-util signs (ACS3-HMAC-SHA256) for the request as received. */
export function vendorAuthorization(received: Received, accessKeyId: string, secret: string): string {
  const url = new URL(received.url, 'http://placeholder');
  const request = new $tea.Request();
  request.method = received.method;
  request.pathname = url.pathname;
  request.query = Object.fromEntries(url.searchParams);
  request.headers = Object.fromEntries(Object.entries(received.headers).map(([name, value]) => [name, String(value)]));
  // The hashed payload: of the form body for POST, of nothing for GET.
  const payload = createHash('sha256').update(received.method === 'POST' ? received.raw : '').digest('hex');
  return OpenApiUtil.getAuthorization(request, 'ACS3-HMAC-SHA256', payload, accessKeyId, secret);
}
