// `process` does not exist on every runtime (Workers, browsers, Deno without compat), so env
// access is guarded instead of assumed.
type ProcessLike = { env?: Record<string, string | undefined> };

/** Reads an environment variable, trimmed; `undefined` when unset, empty or unavailable. */
export function readEnv(name: string): string | undefined {
  const proc = (globalThis as { process?: ProcessLike }).process;
  const value = proc?.env?.[name]?.trim();
  return value ? value : undefined;
}
