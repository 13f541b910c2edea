// Loaded with `node --import` into every cold-start process, before the contender: from then on the
// process can reach loopback only (see ../shared/loopback-guard.mjs).
import { installLoopbackGuard } from '../shared/loopback-guard.mjs';

installLoopbackGuard();
