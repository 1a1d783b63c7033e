const VALID = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$/;

export type EmailResult = { ok: true; email: string } | { ok: false; reason: string };

export function checkEmail(raw: string): EmailResult {
  const email = raw.trim().replace(/^[<("']+|[>)"'.,;:!?]+$/g, "");
  if (VALID.test(email) && !email.includes("..")) return { ok: true, email: email.toLowerCase() };
  const domain = email.split("@")[1] ?? "";
  if (!domain.includes(".")) return { ok: false, reason: "the part after the @ needs a domain such as company.com" };
  return { ok: false, reason: "it isn't a complete address like name@company.com" };
}

const FREE_MAIL = new Set(
  "gmail googlemail yahoo hotmail outlook live msn icloud me mac aol proton protonmail gmx mail yandex zoho fastmail hey".split(" "),
);

/** The company an address points at ("jane@acme-corp.com" → "Acme Corp"); none for personal mail. */
export function companyFromEmail(email: string): string | undefined {
  const domain = email.split("@")[1]?.toLowerCase();
  if (!domain) return undefined;
  const labels = domain.split(".");
  const name = labels.length > 2 && /^(co|com|org|net|ac)$/.test(labels.at(-2)!) ? labels.at(-3)! : labels.at(-2)!;
  if (!name || FREE_MAIL.has(name)) return undefined;
  return name
    .split(/[-_]/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join(" ");
}
