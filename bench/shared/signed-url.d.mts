/** A GetInstance URL on 127.0.0.1:port, signed with signature v1 (see signed-url.mjs). */
export function signedUrlOnce(target: {
  readonly port: number;
  readonly regionId: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly instanceId: string;
}): string;
