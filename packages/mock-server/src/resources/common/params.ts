// What is left to do with a request's parameters once the server has validated and coerced them
// against the spec (required ones present, `PageNo` a number, `Enable` a boolean, enums checked):
// handlers read them typed from `context.params` (src/generated/types.ts).

/** An optional filter: absent when empty (`RepoName=` selects everything, as if not sent). */
export function nonEmpty<T extends string>(value: T | undefined): T | undefined {
  return value === '' ? undefined : value;
}
