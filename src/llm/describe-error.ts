/** What went wrong, without the error message: it can echo model output or the user's text. */
export function describeError(error: unknown): { name: string; status?: number; code?: string } {
  if (typeof error !== "object" || error === null) return { name: typeof error };
  const { name, status, code } = error as { name?: unknown; status?: unknown; code?: unknown };
  return {
    name: typeof name === "string" ? name : "Error",
    ...(typeof status === "number" ? { status } : {}),
    ...(typeof code === "string" ? { code } : {}),
  };
}
