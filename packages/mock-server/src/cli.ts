// The `acr-mock-server` command: flags to options (every flag checked; a bad one exits 2 with a
// message), start, print the URL on one line, serve until SIGINT or SIGTERM, stop cleanly, exit 0.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startMockServer, type MockServerOptions } from './start.js';
import type { Seed } from './resources/index.js';
import { checkFaultConfig, FaultConfigError } from './runtime/policy/faults.js';
import { DEFAULTS } from './runtime/operate/options.js';
import { CompiledPolicy, PolicyError } from './runtime/policy/ram.js';
import { ACTIONS } from './runtime/operate/state.js';
import { exposeGc } from './runtime/operate/young-gc.js';
import { SERVICE_FLAGS, SERVICE_USAGE, serviceOptions, writeCertificate } from './services/cli-flags.js';

/** The environment variable the secret can come from (out of sight of `ps`, unlike a flag). */
export const SECRET_ENV = 'ACR_MOCK_ACCESS_KEY_SECRET';
/** The environment variable the admin token can come from. */
export const ADMIN_TOKEN_ENV = 'ACR_MOCK_ADMIN_TOKEN';

export const USAGE = `Usage: acr-mock-server [options]

A stateful mock of the Alibaba Cloud Container Registry Enterprise Edition API (2018-12-01).
Prints its URL on one line once it listens; stops cleanly on SIGINT or SIGTERM.

Options:
  --port N                 TCP port; 0 picks a free one (default 4010)
  --host HOST              interface to listen on (default ${DEFAULTS.host})
  --access-key-id ID       the AccessKeyId it accepts (default ${DEFAULTS.accessKeyId})
  --access-key-secret S    its secret (default ${DEFAULTS.accessKeySecret}); ps shows flags: prefer
                           $${SECRET_ENV} or the file below
  --access-key-secret-file FILE
                           read the secret from FILE (one line)
  --security-token T       require this STS SecurityToken (default: any token, or none, is accepted)
  --account-id ID          the account in ARNs and login names (default ${DEFAULTS.accountId})
  --region-id ID           the region it stands for: RegionId of requests that send none
                           (default: the seed's region, else ${DEFAULTS.regionId})
  --no-verify-signature    accept unsigned requests (Format, Version and parameters are still checked)
  --policy FILE            a RAM policy document (JSON); without one everything is allowed
  --faults FILE|JSON       fault injection: latency, throttling, 5xx, dropped connections
  --state-file FILE        keep the state in this SQLite file (created when missing)
  --seed FILE              the initial state (JSON; default: one RUNNING instance)
  --admin-token T          the token /-/clock, /-/faults, /-/policy and /-/reset require (also
                           $${ADMIN_TOKEN_ENV}; default: none on loopback, else one made and printed)
  --max-connections N      connections held at once; more are closed (default ${DEFAULTS.maxConnections})
  --headers-timeout-ms N   time to send a request line and headers, else 408 (default ${DEFAULTS.headersTimeoutMs})
${SERVICE_USAGE}
  --verbose                one line per request (method, Action, status, code, time, RequestId)
  -h, --help               this text

Admin endpoints (unsigned, JSON): GET /-/health, GET|POST /-/clock, GET|PUT|DELETE /-/faults,
GET|PUT|DELETE /-/policy, POST /-/reset, GET /-/stats; off loopback, or with --admin-token, the
ones that change things need Authorization: Bearer <token>. See the package README.`;

export const DEFAULT_CLI_PORT = 4010;


/** A flag that cannot be used: the message is printed with the usage hint, exit code 2. */
export class CliError extends Error {
  override name = 'CliError';
}

export type ParsedCli = { readonly help: true } | { readonly help: false; readonly options: MockServerOptions; readonly verbose: boolean; readonly tlsCertOut?: string };

const FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'access-key-id': { type: 'string' },
  'access-key-secret': { type: 'string' },
  'access-key-secret-file': { type: 'string' },
  'security-token': { type: 'string' },
  'account-id': { type: 'string' },
  'region-id': { type: 'string' },
  'no-verify-signature': { type: 'boolean' },
  policy: { type: 'string' },
  faults: { type: 'string' },
  'state-file': { type: 'string' },
  seed: { type: 'string' },
  'admin-token': { type: 'string' },
  'max-connections': { type: 'string' },
  'headers-timeout-ms': { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  ...SERVICE_FLAGS,
} as const;

function readJson(flag: string, file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`--${flag} ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return parseJson(flag, text, file);
}

function parseJson(flag: string, text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`--${flag} ${where}: not valid JSON (${(error as Error).message})`);
  }
}

function text(flag: string, value: string | undefined, fallback?: string): string | undefined {
  if (value === undefined) return fallback;
  if (value === '' || value.trim() !== value || /\s/.test(value)) throw new CliError(`--${flag} must be a non-empty value without spaces`);
  return value;
}

const oneWord = (value: string): boolean => value !== '' && !/\s/.test(value);

/**
 * The secret: from --access-key-secret, --access-key-secret-file (one line; its newline dropped)
 * or $ACR_MOCK_ACCESS_KEY_SECRET, in that order of precedence (a flag and the file together are
 * refused). Messages name where it came from, never what it is.
 */
function secret(flag: string | undefined, file: string | undefined, env: NodeJS.ProcessEnv): string {
  if (flag !== undefined && file !== undefined) throw new CliError('--access-key-secret and --access-key-secret-file: give one of them');
  if (flag !== undefined) return text('access-key-secret', flag) as string;
  if (file !== undefined) {
    let content: string;
    try {
      content = readFileSync(file, 'utf8');
    } catch (error) {
      throw new CliError(`--access-key-secret-file ${file}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    const value = content.replace(/\r?\n$/, '');
    if (!oneWord(value)) throw new CliError(`--access-key-secret-file ${file}: must hold the secret alone, on one line, without spaces`);
    return value;
  }
  const fromEnv = env[SECRET_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!oneWord(fromEnv)) throw new CliError(`${SECRET_ENV} must be a value without spaces`);
    return fromEnv;
  }
  return DEFAULTS.accessKeySecret;
}

function envToken(env: NodeJS.ProcessEnv): string | undefined {
  const value = env[ADMIN_TOKEN_ENV];
  if (value === undefined || value === '') return undefined;
  if (!oneWord(value)) throw new CliError(`${ADMIN_TOKEN_ENV} must be a value without spaces`);
  return value;
}

function port(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CLI_PORT;
  const n = /^[0-9]{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 0 && n <= 65535)) throw new CliError(`--port must be an integer from 0 to 65535, not ${JSON.stringify(value)}`);
  return n;
}

function bounded(flag: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = /^[0-9]{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 1 && n <= max)) throw new CliError(`--${flag} must be an integer from 1 to ${max}`);
  return n;
}

function policy(file: string | undefined): MockServerOptions['policy'] {
  if (file === undefined) return undefined;
  const document = readJson('policy', file);
  try {
    return new CompiledPolicy(document).document;
  } catch (error) {
    if (error instanceof PolicyError) throw new CliError(`--policy ${file}: ${error.message}`);
    throw error;
  }
}

function faults(value: string | undefined): MockServerOptions['faults'] {
  if (value === undefined) return undefined;
  const inline = value.trimStart().startsWith('{');
  const config = inline ? parseJson('faults', value, '(inline)') : readJson('faults', value);
  try {
    return checkFaultConfig(config, ACTIONS);
  } catch (error) {
    if (error instanceof FaultConfigError) throw new CliError(`--faults ${inline ? '(inline)' : value}: ${error.message}`);
    throw error;
  }
}

function stateFile(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  if (file === '') throw new CliError('--state-file must be a path');
  const dir = dirname(resolve(file));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError(`--state-file ${file}: the directory ${dir} does not exist`);
  if (existsSync(file) && statSync(file).isDirectory()) throw new CliError(`--state-file ${file}: is a directory`);
  return file;
}

function seed(file: string | undefined): Seed | undefined {
  if (file === undefined) return undefined;
  const value = readJson('seed', file);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new CliError(`--seed ${file}: must be a JSON object`);
  return value as Seed;
}

/** Flags to options; throws CliError on anything it cannot use. */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ParsedCli {
  let values: { [K in keyof typeof FLAGS]?: (typeof FLAGS)[K]['type'] extends 'string' ? string : boolean };
  try {
    ({ values } = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  if (values.help === true) return { help: true };
  const options: MockServerOptions = {
    port: port(values.port),
    host: text('host', values.host, DEFAULTS.host),
    accessKeyId: text('access-key-id', values['access-key-id'], DEFAULTS.accessKeyId),
    accessKeySecret: secret(values['access-key-secret'], values['access-key-secret-file'], env),
    securityToken: text('security-token', values['security-token']),
    accountId: text('account-id', values['account-id'], DEFAULTS.accountId),
    regionId: text('region-id', values['region-id']),
    verifySignature: values['no-verify-signature'] !== true,
    policy: policy(values.policy),
    faults: faults(values.faults),
    stateFile: stateFile(values['state-file']),
    seed: seed(values.seed),
    adminToken: text('admin-token', values['admin-token']) ?? envToken(env),
    maxConnections: bounded('max-connections', values['max-connections'], 1_000_000),
    headersTimeoutMs: bounded('headers-timeout-ms', values['headers-timeout-ms'], 600_000),
    ...serviceOptions(values, (message) => {
      throw new CliError(message);
    }),
  };
  if (options.accountId !== undefined && !/^[0-9A-Za-z_-]{1,64}$/.test(options.accountId)) {
    throw new CliError('--account-id must be 1 to 64 letters, digits, "_" or "-"');
  }
  if (options.regionId !== undefined && !/^[a-z0-9-]{1,64}$/.test(options.regionId)) {
    throw new CliError('--region-id must be 1 to 64 lower-case letters, digits or "-" (cn-hangzhou)');
  }
  return { help: false, options, verbose: values.verbose === true, tlsCertOut: values['tls-cert-out'] };
}

/** Runs the command. Resolves once the server listens (exit happens on a signal) or has failed. */
export async function main(argv: readonly string[]): Promise<void> {
  let parsed: ParsedCli;
  try {
    parsed = parseCli(argv);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`acr-mock-server: ${error.message}\nRun acr-mock-server --help for the options.\n`);
    process.exitCode = 2;
    return;
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  // The command's own process: let blob uploads ask V8 for young-generation collections, which keep
  // the buffers Node's HTTP parser leaves behind from holding tens of MB (runtime/operate/young-gc.ts).
  exposeGc();
  const log = parsed.verbose ? (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`) : undefined;
  // Signals are handled from before the server starts: one that arrives while it starts stops it
  // as soon as it has.
  let server: Awaited<ReturnType<typeof startMockServer>> | undefined;
  let signalled = false;
  const shutdown = (): void => {
    if (signalled) return;
    signalled = true;
    if (server !== undefined) stopAndExit(server);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  try {
    server = await startMockServer({ ...parsed.options, log });
  } catch (error) {
    process.off('SIGINT', shutdown);
    process.off('SIGTERM', shutdown);
    const code = (error as NodeJS.ErrnoException).code;
    const what = code === 'EADDRINUSE' ? `${parsed.options.host}:${parsed.options.port} is already in use` : (error as Error).message;
    process.stderr.write(`acr-mock-server: cannot start: ${what}\n`);
    process.exitCode = 1;
    return;
  }
  if (signalled) return stopAndExit(server);
  writeCertificate(parsed.tlsCertOut, server.certificate);
  process.stdout.write(`${server.url}\n`);
  if (server.adminToken !== undefined) {
    // Off loopback anyone who can reach the port could lift the policy: say what guards it.
    const token = parsed.options.adminToken === undefined ? `Bearer ${server.adminToken}` : 'Bearer <the token you gave>';
    process.stderr.write(`acr-mock-server: /-/clock, /-/faults, /-/policy and /-/reset need the header: Authorization: ${token}\n`);
  }
}

function stopAndExit(server: { stop(): Promise<void> }): void {
  server.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`acr-mock-server: error while stopping: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
