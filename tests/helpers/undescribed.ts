/**
 * Where a tool's parameters, as a model is shown them (JSON Schema), lack a description: the root and every
 * property, recursively into nested objects, array items and union variants. Returns JSON-pointer-like paths
 * ("", "deal", "deal.name", "reps[]", "action=quote.teamSize"); empty when everything is described.
 */
export function undescribedPaths(schema: unknown): string[] {
  const missing: string[] = [];
  if (!hasDescription(schema)) missing.push("(root)");
  walk(schema, "", missing);
  return missing;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasDescription(node: unknown): boolean {
  if (!isObject(node)) return false;
  if (typeof node["description"] === "string" && node["description"].trim().length > 0) return true;
  // `.describe()` on a field whose optional/nullable wrapper renders as anyOf/allOf: described inside counts
  const wrapped = [...asArray(node["allOf"]), ...asArray(node["anyOf"])];
  return wrapped.length > 0 && wrapped.every((n) => hasDescription(n) || (isObject(n) && n["type"] === "null"));
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function variantLabel(node: unknown, index: number): string {
  const props = isObject(node) && isObject(node["properties"]) ? node["properties"] : {};
  for (const [key, prop] of Object.entries(props)) {
    if (isObject(prop) && prop["const"] !== undefined) return `${key}=${String(prop["const"])}`;
    if (isObject(prop) && Array.isArray(prop["enum"]) && prop["enum"].length === 1) return `${key}=${String(prop["enum"][0])}`;
  }
  return `#${index}`;
}

function join(path: string, part: string): string {
  return path ? `${path}.${part}` : part;
}

function walk(node: unknown, path: string, missing: string[]): void {
  if (!isObject(node)) return;
  if (isObject(node["properties"])) {
    for (const [key, prop] of Object.entries(node["properties"])) {
      const at = join(path, key);
      if (!hasDescription(prop)) missing.push(at);
      walk(prop, at, missing);
    }
  }
  if (node["items"] !== undefined) walk(node["items"], `${path}[]`, missing);
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    asArray(node[key]).forEach((variant, i) => walk(variant, key === "allOf" ? path : join(path, variantLabel(variant, i)), missing));
  }
}
