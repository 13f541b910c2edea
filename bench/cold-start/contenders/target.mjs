// What a cold-start contender is given (by run.ts, as JSON in its one argument) and how it answers:
// the InstanceId read from the parsed body and the CPU time the process has used since it started
// (user + system, µs) on stdout, then an immediate exit, so that no contender waits for its
// keep-alive sockets to close (the vendor runtime's pool cannot be closed).
export const target = JSON.parse(process.argv[2] ?? 'null');
if (target === null) throw new Error('a cold-start contender is started by run.ts, with its target as JSON');

/** @param {unknown} instanceId */
export function answer(instanceId) {
  const { user, system } = process.cpuUsage();
  process.stdout.write(`${String(instanceId)} ${user + system}\n`);
  process.exit(0);
}
