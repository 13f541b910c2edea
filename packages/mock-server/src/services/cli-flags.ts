// The command-line flags of the STS, metadata and HTTPS services, kept apart from the core's flags
// in src/cli.ts (which spreads these in). Each bad value is a message naming the flag.
import { readFileSync, writeFileSync } from 'node:fs';
import type { RuntimeOptions } from '../runtime/operate/options.js';
import type { StsOptions } from './sts/config.js';

/** What the services' flags set: HTTPS (the core's `tls`) and the STS and metadata options. */
type ServiceFlagOptions = Pick<RuntimeOptions, 'tls'> & StsOptions;

export const SERVICE_FLAGS = {
  https: { type: 'boolean' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'tls-cert-out': { type: 'string' },
  roles: { type: 'string' },
  'oidc-providers': { type: 'string' },
  'instance-role': { type: 'string' },
  'no-imdsv1': { type: 'boolean' },
} as const;

export const SERVICE_USAGE = `  --https                  serve HTTPS with a self-signed certificate made at start
  --tls-cert FILE          serve HTTPS with this certificate (PEM; with --tls-key)
  --tls-key FILE           the certificate's private key (PEM)
  --tls-cert-out FILE      write the certificate served (PEM) to FILE, for clients to trust
  --roles FILE             RAM roles STS lets callers assume (JSON: {"name": {"policy": ...}})
  --oidc-providers FILE    OIDC providers for AssumeRoleWithOIDC (JSON array; see README)
  --instance-role NAME     the ECS instance RAM role the metadata paths and /credentials-uri serve
  --no-imdsv1              the metadata paths need an IMDSv2 token`;

export type ServiceFlagValues = { [K in keyof typeof SERVICE_FLAGS]?: (typeof SERVICE_FLAGS)[K]['type'] extends 'string' ? string : boolean };

/** The services' options from their flags; `fail(message)` throws the command's own error. */
export function serviceOptions(values: ServiceFlagValues, fail: (message: string) => never): ServiceFlagOptions {
  const read = (flag: string, file: string): string => {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      return fail(`--${flag} ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  };
  const json = (flag: string, file: string | undefined): unknown => {
    if (file === undefined) return undefined;
    try {
      return JSON.parse(read(flag, file));
    } catch (error) {
      return fail(`--${flag} ${file}: not valid JSON (${(error as Error).message})`);
    }
  };
  const cert = values['tls-cert'];
  const key = values['tls-key'];
  if ((cert === undefined) !== (key === undefined)) fail('--tls-cert and --tls-key go together');
  if (values.https === true && cert !== undefined) fail('--https makes its own certificate: give it or --tls-cert/--tls-key, not both');
  if (values['tls-cert-out'] !== undefined && values.https !== true && cert === undefined) fail('--tls-cert-out needs --https or --tls-cert');
  const tls = cert !== undefined && key !== undefined ? { cert: read('tls-cert', cert), key: read('tls-key', key) } : values.https === true ? true : undefined;
  return {
    tls,
    roles: json('roles', values.roles) as StsOptions['roles'],
    oidcProviders: json('oidc-providers', values['oidc-providers']) as StsOptions['oidcProviders'],
    instanceRole: values['instance-role'],
    imdsV1: values['no-imdsv1'] === true ? false : undefined,
  };
}

/** After start: writes the certificate where --tls-cert-out asked. */
export function writeCertificate(out: string | undefined, certificate: string | undefined): void {
  if (out !== undefined && certificate !== undefined) writeFileSync(out, certificate);
}
