// The generated AcrClient is written chapter by chapter (one generated file per chapter of the
// spec, so a change to one chapter changes that chapter's file). Each chapter is a function that
// takes a client class and returns a subclass holding the chapter's methods (a mixin); AcrClient
// extends the chain of every chapter's class over RpcClient. Why classes: a class body defines its
// methods all at once, where copying 117 methods onto one prototype, property by property, cost
// about 2 ms of every process's start-up (bench/cold-start). Not exported from the package: only the
// generated code uses these types.
import type { RpcClient } from './client.js';

/**
 * What a chapter extends: RpcClient, or a class the other chapters made from it. (`any[]`: what
 * TypeScript requires of a mixin's base constructor; AcrClient's own constructor is typed.)
 */
export type ChapterBase = abstract new (...args: any[]) => RpcClient;

/** The class a chapter returns: its base, with the chapter's methods on the instances. */
export type WithMethods<Base extends ChapterBase, Methods> = Base & (abstract new (...args: any[]) => Methods);
