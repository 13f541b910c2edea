// Starts the loopback server (server.ts) in its own process and asks it how many requests it has
// answered; used by the client benchmark and the cold-start benchmark alike.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServerMessage } from './server.js';
import { TSX_EXEC_ARGV } from '../shared/child-job.js';

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

function nextMessage(server: ChildProcess, type: ServerMessage['type'], timeoutMs: number): Promise<ServerMessage> {
  return new Promise((resolve, reject) => {
    const settle = (error: Error | null, message?: ServerMessage): void => {
      clearTimeout(timer);
      server.off('message', onMessage);
      server.off('exit', onExit);
      if (error) reject(error);
      else resolve(message as ServerMessage);
    };
    const onMessage = (message: ServerMessage): void => {
      if (message.type === type) settle(null, message);
    };
    const onExit = (code: number | null): void => settle(new Error(`server exited (code ${code})`));
    const timer = setTimeout(() => settle(new Error(`server: no '${type}' message within ${timeoutMs} ms`)), timeoutMs);
    server.on('message', onMessage);
    server.on('exit', onExit);
  });
}

/** The server, answering `body` to requests that carry `instanceId`, once it listens. */
export async function startServer(body: string, instanceId: string): Promise<{ server: ChildProcess; port: number }> {
  const server = fork(here('./server.ts'), [body, instanceId], { execArgv: TSX_EXEC_ARGV, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await nextMessage(server, 'ready', 30_000);
  return { server, port: (ready as { port: number }).port };
}

/** How many requests the server has answered so far. */
export async function requestCount(server: ChildProcess): Promise<number> {
  const reply = nextMessage(server, 'count', 10_000);
  server.send({ type: 'count' });
  return ((await reply) as { count: number }).count;
}

