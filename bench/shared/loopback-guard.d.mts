/** Refuses every TCP connection of this process that does not go to loopback (see loopback-guard.mjs). */
export function installLoopbackGuard(): void;
