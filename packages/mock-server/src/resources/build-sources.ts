// Builds, as the vendor's API metadata adds to chapter 14 (CURATION.md M-90 to M-94): the source
// code repository an image repository builds from (one per repository), the log of a build, and
// running a build record again. A build's log is derived from its record and the clock when read
// (nothing is stored as it runs): the GIT_CLONE lines when the build leaves PENDING, the BUILD lines
// spread over its running time, the PUSH lines when it succeeds; a canceled build's log stops at the
// cancel with a last line that says so.
import type { Handlers, ItemOf, RequestContext, Result } from './context.js';
import { buildState, builtImage, startBuild, type BuildRecordRecord } from './build-records.js';
import { alreadyExists, invalidParameter, notFound } from './common/errors.js';
import { findRepoById, requireInstance, requireRepo } from './common/lookup.js';
import { nonEmpty } from './common/params.js';
import { COLLECTIONS, key } from './common/collections.js';
import type { BuildRuleRecord } from './build-rules.js';
import type { RepositoryRecord } from './repositories.js';
import { originOf, recipeOf } from './push.js';
import { makeImage } from '../services/registry/synthetic.js';

export type CodeRepoType = 'GITHUB' | 'GITLAB' | 'GITEE' | 'CODE' | 'CODEUP';

/** The address of each platform (GetRepoSourceCodeRepo's CodeRepoDomain). */
export const CODE_REPO_DOMAINS: Readonly<Record<CodeRepoType, string>> = {
  GITHUB: 'https://github.com',
  GITLAB: 'https://gitlab.com',
  GITEE: 'https://gitee.com',
  CODE: 'https://code.aliyun.com',
  CODEUP: 'https://codeup.aliyun.com',
};

export interface SourceCodeRecord {
  RepoId: string;
  CodeRepoType: CodeRepoType;
  CodeRepoNamespaceName: string;
  CodeRepoName: string;
  AutoBuild: boolean;
  OverseaBuild: boolean;
  DisableCacheBuild: boolean;
  /** CodeRepoId as UpdateRepoSourceCodeRepo last sent it (kept, never answered). */
  CodeRepoId?: string;
}

/** The lines of a log one response returns at most. */
export const LOG_PAGE_SIZE = 100;

type Stage = 'GIT_CLONE' | 'BUILD' | 'PUSH';
interface LogLine {
  at: number;
  stage: Stage;
  message: string;
}

/** The text `true`/`false` of UpdateRepoSourceCodeRepo's flags. */
function flag(param: string, value: string | undefined, previous: boolean): boolean {
  if (value === undefined || value === '') return previous;
  if (value !== 'true' && value !== 'false') throw invalidParameter(param, 'valid values: true, false');
  return value === 'true';
}

function codeName(param: string, value: string): string {
  // A path component of a Git platform: letters, digits, '.', '_', '-' (GitLab groups may nest with '/').
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/.test(value) || value.length > 255) {
    throw invalidParameter(param, 'it must be letters, digits, ".", "_" or "-" (groups separated by "/"), at most 255 characters');
  }
  return value;
}

/** The lines of a build's log, with the time each is written (all of them, finished or not). */
function logLines(context: { store: RequestContext['store'] }, record: BuildRecordRecord): LogLine[] {
  const rule = context.store.get<BuildRuleRecord>(COLLECTIONS.buildRules, key(record.RepoId, record.BuildRuleId));
  const source = context.store.get<SourceCodeRecord>(COLLECTIONS.sourceCodeRepos, record.RepoId);
  const start = record.startTime + record.pendingMs;
  const end = start + record.runningMs;
  const branch = rule ? `${rule.PushType === 'GIT_TAG' ? 'tag' : 'branch'} ${rule.PushName}` : 'the default branch';
  const origin = source ? `${CODE_REPO_DOMAINS[source.CodeRepoType]}/${source.CodeRepoNamespaceName}/${source.CodeRepoName}.git` : 'the bound source code repository';
  const dockerfile = rule ? `${rule.DockerfileLocation.replace(/\/?$/, '/')}${rule.DockerfileName}` : '/Dockerfile';
  const steps = [
    `Step 1/4 : FROM node:20-alpine`,
    `Step 2/4 : COPY . /app`,
    `Step 3/4 : RUN npm ci --omit=dev`,
    `Step 4/4 : CMD ["node", "/app/server.js"]`,
  ];
  // The image the build pushes when it ends (build-records.ts): its ID and its manifest's digest.
  const image = makeImage(recipeOf(originOf(record.InstanceId, record.RepoNamespaceName, record.RepoName, record.ImageTag), builtImage(record, end)));
  const lines: LogLine[] = [
    { at: start, stage: 'GIT_CLONE', message: 'fetch stage begin' },
    { at: start, stage: 'GIT_CLONE', message: `Cloning ${origin}, ${branch}` },
    { at: start, stage: 'GIT_CLONE', message: 'fetch stage end' },
    { at: start, stage: 'BUILD', message: `build stage begin: ${dockerfile}${source?.DisableCacheBuild ? ' (no cache)' : ''}` },
    ...steps.map((message, i) => ({ at: start + Math.floor(((i + 1) * record.runningMs) / (steps.length + 1)), stage: 'BUILD' as const, message })),
    { at: end, stage: 'BUILD', message: `Successfully built ${image.config.digest.slice(7, 19)}` },
    { at: end, stage: 'PUSH', message: `push stage begin: ${record.RepoNamespaceName}/${record.RepoName}:${record.ImageTag}` },
    { at: end, stage: 'PUSH', message: `${record.ImageTag}: digest: ${image.digest} size: ${image.manifest.length}` },
    { at: end, stage: 'PUSH', message: 'push stage end' },
  ];
  return lines;
}

/** The lines written by `now`; a canceled build's stop at the cancel, with a line that says so. */
function writtenLines(context: { store: RequestContext['store'] }, record: BuildRecordRecord, now: number): { stage: Stage; message: string }[] {
  const state = buildState(record, now);
  const until = state.status === 'CANCELED' ? (record.canceledAt as number) : now;
  const lines = logLines(context, record).filter((l) => l.at <= until);
  if (state.status === 'CANCELED') {
    lines.push({ at: until, stage: lines.at(-1)?.stage ?? 'GIT_CLONE', message: 'build canceled' });
  }
  return lines;
}

function requireSource(context: RequestContext, repo: RepositoryRecord): SourceCodeRecord {
  const source = context.store.get<SourceCodeRecord>(COLLECTIONS.sourceCodeRepos, repo.RepoId);
  if (!source) throw notFound('CODE_REPO', `source code repository of repository ${repo.RepoNamespaceName}/${repo.RepoName}`);
  return source;
}

const bool = (value: boolean): 'true' | 'false' => (value ? 'true' : 'false');

export const buildSourceHandlers = {
  // One source code repository per image repository: a second is refused (Update changes it).
  CreateRepoSourceCodeRepo(context): Result<'CreateRepoSourceCodeRepo'> {
    const repo = requireRepo(context, requireInstance(context).InstanceId);
    if (context.store.get(COLLECTIONS.sourceCodeRepos, repo.RepoId)) {
      throw alreadyExists('CODE_REPO', `source code repository of repository ${repo.RepoNamespaceName}/${repo.RepoName}`);
    }
    const p = context.params;
    const record: SourceCodeRecord = {
      RepoId: repo.RepoId,
      CodeRepoType: p.CodeRepoType,
      CodeRepoNamespaceName: codeName('CodeRepoNamespaceName', p.CodeRepoNamespaceName),
      CodeRepoName: codeName('CodeRepoName', p.CodeRepoName),
      AutoBuild: p.AutoBuild ?? false,
      OverseaBuild: p.OverseaBuild ?? false,
      DisableCacheBuild: p.DisableCacheBuild ?? false,
    };
    context.store.put(COLLECTIONS.sourceCodeRepos, repo.RepoId, record);
    return {};
  },

  UpdateRepoSourceCodeRepo(context): Result<'UpdateRepoSourceCodeRepo'> {
    const repo = requireRepo(context, requireInstance(context).InstanceId);
    const source = requireSource(context, repo);
    const p = context.params;
    const codeRepoId = nonEmpty(p.CodeRepoId) ?? source.CodeRepoId;
    const record: SourceCodeRecord = {
      RepoId: repo.RepoId,
      CodeRepoType: p.CodeRepoType,
      CodeRepoNamespaceName: codeName('CodeRepoNamespaceName', p.CodeRepoNamespaceName),
      CodeRepoName: codeName('CodeRepoName', p.CodeRepoName),
      AutoBuild: flag('AutoBuild', p.AutoBuild, source.AutoBuild),
      OverseaBuild: flag('OverseaBuild', p.OverseaBuild, source.OverseaBuild),
      DisableCacheBuild: flag('DisableCacheBuild', p.DisableCacheBuild, source.DisableCacheBuild),
      ...(codeRepoId === undefined ? {} : { CodeRepoId: codeRepoId }),
    };
    context.store.put(COLLECTIONS.sourceCodeRepos, repo.RepoId, record);
    return {};
  },

  GetRepoSourceCodeRepo(context): Result<'GetRepoSourceCodeRepo'> {
    const repo = requireRepo(context, requireInstance(context).InstanceId);
    const s = requireSource(context, repo);
    return {
      RepoId: repo.RepoId,
      CodeRepoType: s.CodeRepoType,
      CodeRepoDomain: CODE_REPO_DOMAINS[s.CodeRepoType],
      CodeRepoNamespaceName: s.CodeRepoNamespaceName,
      CodeRepoName: s.CodeRepoName,
      AutoBuild: bool(s.AutoBuild),
      OverseaBuild: bool(s.OverseaBuild),
      DisableCacheBuild: bool(s.DisableCacheBuild),
    };
  },

  // The lines after Offset, at most LOG_PAGE_SIZE; PageNo is the page Offset falls in.
  ListRepoBuildRecordLog(context): Result<'ListRepoBuildRecordLog'> {
    const instance = requireInstance(context);
    const id = context.params.BuildRecordId;
    const record = context.store.get<BuildRecordRecord>(COLLECTIONS.buildRecords, key(instance.InstanceId, id));
    const repoId = nonEmpty(context.params.RepoId);
    if (repoId !== undefined && !findRepoById(context, instance.InstanceId, repoId)) throw notFound('REPO', `repository ${repoId}`);
    if (!record || (repoId !== undefined && record.RepoId !== repoId)) throw notFound('BUILD_RECORD', `build record ${id}`);
    const offset = context.params.Offset ?? 0;
    if (!Number.isSafeInteger(offset) || offset < 0) throw invalidParameter('Offset', 'it must be an integer, 0 or more');
    const lines = writtenLines(context, record, context.now);
    const logs = lines.slice(offset, offset + LOG_PAGE_SIZE).map((line, i): ItemOf<'ListRepoBuildRecordLog', 'BuildRecordLogs'> => ({
      LineNumber: offset + i + 1,
      Message: line.message,
      BuildStage: line.stage,
    }));
    return { PageNo: Math.floor(offset / LOG_PAGE_SIZE) + 1, PageSize: LOG_PAGE_SIZE, TotalCount: String(lines.length), BuildRecordLogs: logs };
  },

  // A new build of the record's rule and image tag; the rule may have been deleted since.
  CreateBuildRecordByRecord(context): Result<'CreateBuildRecordByRecord'> {
    const repo = requireRepo(context, requireInstance(context).InstanceId);
    const id = context.params.BuildRecordId;
    const record = context.store.get<BuildRecordRecord>(COLLECTIONS.buildRecords, key(repo.InstanceId, id));
    if (!record || record.RepoId !== repo.RepoId) throw notFound('BUILD_RECORD', `build record ${id}`);
    return { BuildRecordId: startBuild(context, repo, { BuildRuleId: record.BuildRuleId, ImageTag: record.ImageTag }).BuildRecordId };
  },
} satisfies Partial<Handlers>;
