/** Sales region of an account from its office country, for exports that carry only a country. */
const REGION_BY_COUNTRY: Record<string, string> = {
  "united states": "North America",
  usa: "North America",
  us: "North America",
  canada: "North America",
  mexico: "Latin America",
  brazil: "Latin America",
  panama: "Latin America",
  argentina: "Latin America",
  chile: "Latin America",
  colombia: "Latin America",
  china: "APAC",
  japan: "APAC",
  korea: "APAC",
  "south korea": "APAC",
  philipines: "APAC",
  philippines: "APAC",
  india: "APAC",
  singapore: "APAC",
  australia: "APAC",
  "new zealand": "APAC",
};

const EMEA = new Set([
  "united kingdom", "uk", "ireland", "germany", "france", "italy", "spain", "portugal", "netherlands", "belgium", "luxembourg",
  "switzerland", "austria", "norway", "sweden", "denmark", "finland", "poland", "romania", "czech republic", "hungary", "greece",
  "turkey", "israel", "jordan", "united arab emirates", "saudi arabia", "egypt", "kenya", "nigeria", "south africa", "morocco",
]);

export function regionOfCountry(country: string | null): string {
  if (!country) return "Unknown";
  const key = country.trim().toLowerCase();
  return REGION_BY_COUNTRY[key] ?? (EMEA.has(key) ? "EMEA" : "Other");
}
