// The process alone: Node.js starting and exiting, with the loopback guard and the target read as
// every contender has them. What the other contenders cost beyond it is their own.
import { answer, target } from './target.mjs';

answer(target.instanceId);
