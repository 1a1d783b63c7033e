/** "01:02:03.500", "02:03,5", "1:02:03" → seconds; undefined when not a time code. */
export function parseTimeCode(value: string): number | undefined {
  const m = /^\s*(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?\s*$/.exec(value);
  if (!m) return undefined;
  const hours = m[1] ? Number(m[1]) : 0;
  const minutes = Number(m[2]);
  const seconds = Number(m[3]);
  if (seconds >= 60 || (m[1] !== undefined && minutes >= 60)) return undefined;
  const fraction = m[4] ? Number(`0.${m[4].padEnd(3, "0")}`) : 0;
  return hours * 3600 + minutes * 60 + seconds + fraction;
}
