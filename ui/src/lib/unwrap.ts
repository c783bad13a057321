// A generated command's result as a promise: the data, or the command's error thrown.
import type { CommandError } from "./bindings";

/** Resolves to a command's data or throws its `CommandError`. */
export async function unwrap<T>(p: Promise<{ status: "ok"; data: T } | { status: "error"; error: CommandError }>): Promise<T> {
  const r = await p;
  if (r.status === "ok") return r.data;
  throw r.error;
}
