// Loaded with `node --import` into every process a benchmark spawns (cold start, generators), before
// anything else: from then on the process can reach loopback only (see loopback-guard.mjs).
import { installLoopbackGuard } from './loopback-guard.mjs';

installLoopbackGuard();
