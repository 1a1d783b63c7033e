import { describe, expect, it } from "vitest";
import { parseHtml } from "./html.js";

describe("HTML parser", () => {
  it("splits by h1–h6, drops scripts, navigation and footers, and keeps lists and tables readable", () => {
    const doc = parseHtml(
      `<html><head><title>Page title</title><meta name="audience" content="internal"><meta name="tags" content="a, b">
       <style>p { color: red }</style></head>
       <body><nav><a href="/">Home</a></nav>
       <h1>Security &amp; compliance</h1>
       <p>We are <b>SOC 2</b> audited.</p>
       <h2>Encryption</h2><ul><li>AES-256 at rest</li><li>TLS 1.2+</li></ul>
       <h3>Keys</h3><table><tr><th>Plan</th><th>BYOK</th></tr><tr><td>Enterprise</td><td>yes</td></tr></table>
       <script>var secret = 1;</script><footer>© Helix</footer></body></html>`,
      "fallback",
    );
    expect(doc.title).toBe("Security & compliance");
    expect(doc.audience).toBe("internal");
    expect(doc.tags).toEqual(["a", "b"]);
    expect(doc.sections).toEqual([
      { headings: [], text: "We are SOC 2 audited." },
      { headings: ["Encryption"], text: "- AES-256 at rest\n- TLS 1.2+" },
      { headings: ["Encryption", "Keys"], text: "Plan | BYOK\nEnterprise | yes" },
    ]);
  });

  it("uses <title> when there is no h1", () => {
    expect(parseHtml("<title> FAQ </title><p>Hi</p>", "f").title).toBe("FAQ");
    expect(parseHtml("<p>Hi</p>", "f").title).toBe("f");
  });
});
