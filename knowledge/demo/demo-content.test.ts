import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { COMPETITORS, PRODUCTS, SELLER } from "../../src/demo/catalog.js";
import { parseMarkdown } from "../parsers/markdown.js";
import { splitFrontMatter } from "../parsers/front-matter.js";
import { scanFolder } from "../scan.js";
import { terms } from "../tokenize.js";
import { DEMO_KNOWLEDGE_DIR } from "./seed.js";

const read = (rel: string) => fs.readFileSync(path.join(DEMO_KNOWLEDGE_DIR, rel), "utf8");
const slug = (name: string) => name.toLowerCase().replace(/\s+/g, "-");
const usd = (n: number) => `$${n.toLocaleString("en-US")}`;

describe("demo knowledge", () => {
  it("has one page per catalogue product with the catalogue's price, users and features", () => {
    for (const product of PRODUCTS) {
      const source = read(`public/products/${slug(product.name)}.md`);
      const doc = parseMarkdown(source, "");
      expect(doc.title, product.id).toBe(product.name);
      expect(source, product.id).toContain(`**List price: ${usd(product.list_price)} per year**`);
      if (product.included_users) expect(source, product.id).toContain(`**${product.included_users} named users**`);
      const pageTerms = new Set(terms(source));
      for (const feature of product.features) {
        const missing = terms(feature).filter((t) => !pageTerms.has(t));
        expect(missing, `${product.id}: ${feature}`).toEqual([]);
      }
    }
  });

  it("quotes only catalogue prices wherever a product and a price share a line", () => {
    const files = fs.readdirSync(path.join(DEMO_KNOWLEDGE_DIR, "public"), { recursive: true }) as string[];
    for (const file of files.filter((f) => f.endsWith(".md"))) {
      for (const line of read(`public/${file}`).split("\n")) {
        for (const product of PRODUCTS) {
          const mention = new RegExp(`${product.name}[^$|]{0,12}\\(?\\$(\\d[\\d,]*\\d)`).exec(line);
          if (mention) expect(`$${mention[1]}`, `${file}: ${line}`).toBe(usd(product.list_price));
        }
      }
    }
    const overview = read("public/product-overview.md");
    for (const product of PRODUCTS) {
      const row = overview.split("\n").find((l) => l.startsWith(`| ${product.name}`));
      expect(row, product.id).toContain(usd(product.list_price));
    }
  });

  it("marks every internal file internal, tags one battlecard per competitor, and keeps internal notes out of public files", async () => {
    for (const file of await scanFolder(path.join(DEMO_KNOWLEDGE_DIR, "internal"))) {
      expect(splitFrontMatter(fs.readFileSync(file, "utf8")).meta.audience, file).toBe("internal");
    }
    for (const competitor of COMPETITORS) {
      const card = splitFrontMatter(read(`internal/battlecards/${competitor.id.replace("_", "-")}.md`));
      expect(card.meta.tags).toContain(`competitor:${competitor.id}`);
    }
    for (const file of await scanFolder(path.join(DEMO_KNOWLEDGE_DIR, "public"))) {
      const text = fs.readFileSync(file, "utf8");
      expect(text, file).not.toMatch(/internal only|COMP-DISPLACE|walk-away|Lighthouse/i);
      expect(splitFrontMatter(text).meta.audience, file).toBeUndefined();
    }
    expect(read("public/faq.md")).toContain(SELLER.salesEmail);
  });
});
