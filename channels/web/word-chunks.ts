/**
 * Splits an answer into the pieces a streaming reply shows one after another: a word with the whitespace
 * before it, several words at once for long answers. Joined back they give the exact text.
 */
export function wordChunks(text: string, maxChunks = 120): string[] {
  const words: string[] = [...(text.match(/\s*\S+/g) ?? [])];
  const trailing = text.slice(words.join("").length);
  if (trailing) words.push(trailing);
  if (words.length <= maxChunks) return words;
  const perChunk = Math.ceil(words.length / maxChunks);
  const chunks: string[] = [];
  for (let i = 0; i < words.length; i += perChunk) chunks.push(words.slice(i, i + perChunk).join(""));
  return chunks;
}
