/**
 * Writes the smallest valid PDF that pdf.js reads: one page, Helvetica, one line per entry at its font
 * size. Fixtures for PDF ingestion tests, built here rather than checked in as binaries.
 */
export function minimalPdf(lines: readonly { text: string; size: number }[]): Uint8Array {
  let y = 740;
  const ops = lines.map((l) => {
    y -= l.size * 2;
    return `BT /F1 ${l.size} Tf 72 ${y} Td (${l.text.replace(/([()\\])/g, "\\$1")}) Tj ET`;
  });
  const content = ops.join("\n");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}
