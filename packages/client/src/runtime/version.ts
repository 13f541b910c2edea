// Identity of the client on the wire. A test checks CLIENT_VERSION against package.json, so the two
// cannot drift (reading package.json at run time would need a JSON import or a file read).

export const CLIENT_NAME = 'acr-ee-client';
export const CLIENT_VERSION = '0.1.0';

/** `acr-ee-client/0.1.0 node/20.20.2`, plus the caller's suffix when given. */
export function userAgent(suffix?: string): string {
  // Other runtimes (with the fetch transport) may have no `process`.
  const node = globalThis.process?.versions?.node;
  const base = node ? `${CLIENT_NAME}/${CLIENT_VERSION} node/${node}` : `${CLIENT_NAME}/${CLIENT_VERSION}`;
  return suffix ? `${base} ${suffix}` : base;
}
