// What happened in a repository since it was last read, made real before it is read or used: the
// images of finished builds are pushed (build-records.ts), the tags subscription tasks have finished
// importing are stored (subscription-tasks.ts), then the due runs of tag retention rules delete the
// tags they do not keep (retention.ts).
import { settleBuilds } from './build-records.js';
import type { StateContext } from './common/collections.js';
import type { RepositoryRecord } from './repositories.js';
import { settleRetention } from './retention.js';
import { settleSubscriptions } from './subscription-tasks.js';

export function settleRepository(context: StateContext, repo: RepositoryRecord): void {
  settleBuilds(context, repo);
  settleSubscriptions(context, repo);
  settleRetention(context, repo);
}
