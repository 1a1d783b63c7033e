/**
 * Time zones through luxon: which IANA zone a person means when they name a city, region, country or
 * abbreviation, and a readable label for one. The one home for this concern (STYLE.md).
 */
import fs from "node:fs";
import { getCountries, getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import { DateTime, IANAZone } from "luxon";

/** Cities, US states and regions, by zone. Names are matched whole and case-insensitively. */
const PLACES: Record<string, string> = {
  "America/New_York":
    "New York|New York City|NYC|Manhattan|Brooklyn|Boston|Philadelphia|Miami|Atlanta|Washington DC|Washington D.C.|DC|Pittsburgh|Baltimore|Charlotte|Raleigh|Orlando|Tampa|Detroit|Cleveland|Columbus Ohio|Cincinnati|East Coast|New England|New Jersey|Connecticut|Massachusetts|Pennsylvania|Ohio|Michigan|Florida|North Carolina|South Carolina|Virginia|Maryland|Delaware|Maine|Vermont|New Hampshire|Rhode Island|Kentucky|West Virginia",
  "America/Toronto": "Toronto|Montreal|Ottawa|Quebec|Ontario",
  "America/Chicago":
    "Chicago|Dallas|Houston|Austin|San Antonio|Minneapolis|St. Louis|St Louis|Kansas City|Nashville|New Orleans|Milwaukee|Oklahoma City|Omaha|Winnipeg|Midwest|Texas|Illinois|Minnesota|Wisconsin|Iowa|Missouri|Tennessee|Louisiana|Alabama|Mississippi|Arkansas|Oklahoma|Kansas|Nebraska|North Dakota|South Dakota",
  "America/Denver": "Denver|Boulder|Salt Lake City|Albuquerque|Calgary|Edmonton|Colorado|Utah|Montana|Wyoming|New Mexico|Idaho|Alberta",
  "America/Phoenix": "Phoenix|Scottsdale|Tucson|Arizona",
  "America/Los_Angeles":
    "Los Angeles|LA|San Francisco|SF|Bay Area|Silicon Valley|San Jose|Palo Alto|Oakland|San Diego|Sacramento|Seattle|Portland|Las Vegas|Vancouver|West Coast|Pacific Northwest|California|Oregon|Washington State|Nevada|British Columbia",
  "America/Anchorage": "Anchorage|Alaska",
  "Pacific/Honolulu": "Honolulu|Hawaii",
  "America/Halifax": "Halifax|Nova Scotia",
  "America/Mexico_City": "Mexico City|Guadalajara|Monterrey",
  "America/Sao_Paulo": "Sao Paulo|São Paulo|Rio de Janeiro|Rio|Brasilia|Brasília",
  "America/Argentina/Buenos_Aires": "Buenos Aires",
  "America/Bogota": "Bogota|Bogotá|Medellin|Medellín",
  "America/Lima": "Lima",
  "America/Santiago": "Santiago de Chile",
  "Europe/London": "London|Manchester|Edinburgh|Glasgow|Bristol|Leeds|Liverpool|Belfast|Cardiff",
  "Europe/Dublin": "Dublin|Cork",
  "Europe/Lisbon": "Lisbon|Porto",
  "Europe/Madrid": "Madrid|Barcelona|Valencia|Seville",
  "Europe/Paris": "Paris|Lyon|Marseille|Toulouse",
  "Europe/Brussels": "Brussels|Antwerp",
  "Europe/Amsterdam": "Amsterdam|Rotterdam|The Hague|Utrecht|Eindhoven",
  "Europe/Luxembourg": "Luxembourg",
  "Europe/Berlin": "Berlin|Munich|München|Hamburg|Frankfurt|Cologne|Köln|Stuttgart|Düsseldorf|Dusseldorf|Leipzig",
  "Europe/Zurich": "Zurich|Zürich|Geneva|Basel|Bern",
  "Europe/Vienna": "Vienna|Wien",
  "Europe/Rome": "Rome|Milan|Turin|Naples",
  "Europe/Copenhagen": "Copenhagen",
  "Europe/Stockholm": "Stockholm|Gothenburg",
  "Europe/Oslo": "Oslo",
  "Europe/Helsinki": "Helsinki",
  "Europe/Warsaw": "Warsaw|Krakow|Kraków|Wroclaw",
  "Europe/Prague": "Prague",
  "Europe/Budapest": "Budapest",
  "Europe/Bucharest": "Bucharest",
  "Europe/Athens": "Athens",
  "Europe/Istanbul": "Istanbul|Ankara",
  "Europe/Kyiv": "Kyiv|Kiev",
  "Europe/Tallinn": "Tallinn",
  "Europe/Moscow": "Moscow|St Petersburg|Saint Petersburg",
  "Asia/Jerusalem": "Tel Aviv|Jerusalem",
  "Asia/Dubai": "Dubai|Abu Dhabi",
  "Asia/Riyadh": "Riyadh|Jeddah",
  "Asia/Qatar": "Doha",
  "Africa/Cairo": "Cairo",
  "Africa/Lagos": "Lagos|Abuja",
  "Africa/Nairobi": "Nairobi",
  "Africa/Johannesburg": "Johannesburg|Cape Town|Durban|Pretoria",
  "Africa/Casablanca": "Casablanca",
  "Asia/Karachi": "Karachi|Lahore|Islamabad",
  "Asia/Kolkata": "Mumbai|Bombay|Delhi|New Delhi|Bangalore|Bengaluru|Hyderabad|Chennai|Pune|Kolkata|Calcutta|Gurgaon|Gurugram|Noida|Ahmedabad",
  "Asia/Dhaka": "Dhaka",
  "Asia/Bangkok": "Bangkok",
  "Asia/Ho_Chi_Minh": "Ho Chi Minh City|Saigon|Hanoi",
  "Asia/Singapore": "Singapore",
  "Asia/Kuala_Lumpur": "Kuala Lumpur",
  "Asia/Jakarta": "Jakarta",
  "Asia/Manila": "Manila",
  "Asia/Shanghai": "Shanghai|Beijing|Shenzhen|Guangzhou|Hangzhou",
  "Asia/Hong_Kong": "Hong Kong",
  "Asia/Taipei": "Taipei",
  "Asia/Seoul": "Seoul",
  "Asia/Tokyo": "Tokyo|Osaka|Kyoto",
  "Australia/Sydney": "Sydney|Canberra|New South Wales|NSW",
  "Australia/Melbourne": "Melbourne",
  "Australia/Brisbane": "Brisbane|Queensland",
  "Australia/Adelaide": "Adelaide",
  "Australia/Perth": "Perth",
  "Pacific/Auckland": "Auckland|Wellington|Christchurch",
};

/** Countries with one zone (or one that nearly all business runs on): [ISO 3166 code, zone, names]. */
const COUNTRIES: ReadonlyArray<readonly [string, string, string]> = [
  ["GB", "Europe/London", "UK|U.K.|United Kingdom|Britain|Great Britain|England|Scotland|Wales|Northern Ireland"],
  ["IE", "Europe/Dublin", "Ireland"],
  ["PT", "Europe/Lisbon", "Portugal"],
  ["ES", "Europe/Madrid", "Spain"],
  ["FR", "Europe/Paris", "France"],
  ["BE", "Europe/Brussels", "Belgium"],
  ["NL", "Europe/Amsterdam", "Netherlands|the Netherlands|Holland"],
  ["DE", "Europe/Berlin", "Germany|Deutschland"],
  ["CH", "Europe/Zurich", "Switzerland"],
  ["AT", "Europe/Vienna", "Austria"],
  ["IT", "Europe/Rome", "Italy"],
  ["DK", "Europe/Copenhagen", "Denmark"],
  ["SE", "Europe/Stockholm", "Sweden"],
  ["NO", "Europe/Oslo", "Norway"],
  ["FI", "Europe/Helsinki", "Finland"],
  ["PL", "Europe/Warsaw", "Poland"],
  ["CZ", "Europe/Prague", "Czech Republic|Czechia"],
  ["HU", "Europe/Budapest", "Hungary"],
  ["RO", "Europe/Bucharest", "Romania"],
  ["GR", "Europe/Athens", "Greece"],
  ["TR", "Europe/Istanbul", "Turkey|Türkiye"],
  ["UA", "Europe/Kyiv", "Ukraine"],
  ["EE", "Europe/Tallinn", "Estonia"],
  ["IL", "Asia/Jerusalem", "Israel"],
  ["JO", "Asia/Amman", "Jordan"],
  ["AE", "Asia/Dubai", "UAE|United Arab Emirates|the Emirates"],
  ["SA", "Asia/Riyadh", "Saudi Arabia|Saudi"],
  ["QA", "Asia/Qatar", "Qatar"],
  ["EG", "Africa/Cairo", "Egypt"],
  ["NG", "Africa/Lagos", "Nigeria"],
  ["KE", "Africa/Nairobi", "Kenya"],
  ["ZA", "Africa/Johannesburg", "South Africa"],
  ["MA", "Africa/Casablanca", "Morocco"],
  ["PK", "Asia/Karachi", "Pakistan"],
  ["IN", "Asia/Kolkata", "India"],
  ["BD", "Asia/Dhaka", "Bangladesh"],
  ["TH", "Asia/Bangkok", "Thailand"],
  ["VN", "Asia/Ho_Chi_Minh", "Vietnam|Viet Nam"],
  ["SG", "Asia/Singapore", "Singapore"],
  ["MY", "Asia/Kuala_Lumpur", "Malaysia"],
  ["ID", "Asia/Jakarta", "Indonesia"],
  ["PH", "Asia/Manila", "Philippines|the Philippines"],
  ["CN", "Asia/Shanghai", "China|mainland China"],
  ["HK", "Asia/Hong_Kong", "Hong Kong"],
  ["TW", "Asia/Taipei", "Taiwan"],
  ["KR", "Asia/Seoul", "South Korea|Korea"],
  ["JP", "Asia/Tokyo", "Japan"],
  ["NZ", "Pacific/Auckland", "New Zealand"],
  ["MX", "America/Mexico_City", "Mexico"],
  ["BR", "America/Sao_Paulo", "Brazil|Brasil"],
  ["AR", "America/Argentina/Buenos_Aires", "Argentina"],
  ["CO", "America/Bogota", "Colombia"],
  ["PE", "America/Lima", "Peru"],
  ["CL", "America/Santiago", "Chile"],
  ["PR", "America/Puerto_Rico", "Puerto Rico"],
];

/** Place names that are also people's or products' names: taken only after a clear location cue. */
const AMBIGUOUS = new Set(
  "austin|dallas|houston|charlotte|orlando|virginia|phoenix|sydney|perth|paris|jordan|india|israel|lima|rio|la|sf|dc|bern|portland|cork|turkey"
    .split("|"),
);

const ABBREVIATIONS: Record<string, string> = {
  EST: "America/New_York", EDT: "America/New_York", ET: "America/New_York",
  CST: "America/Chicago", CDT: "America/Chicago", CT: "America/Chicago",
  MST: "America/Denver", MDT: "America/Denver", MT: "America/Denver",
  PST: "America/Los_Angeles", PDT: "America/Los_Angeles", PT: "America/Los_Angeles",
  AKST: "America/Anchorage", AKDT: "America/Anchorage", HST: "Pacific/Honolulu",
  GMT: "Europe/London", BST: "Europe/London", UTC: "UTC", WET: "Europe/Lisbon", WEST: "Europe/Lisbon",
  CET: "Europe/Berlin", CEST: "Europe/Berlin", EET: "Europe/Helsinki", EEST: "Europe/Helsinki", MSK: "Europe/Moscow",
  IST: "Asia/Kolkata", PKT: "Asia/Karachi", SGT: "Asia/Singapore", HKT: "Asia/Hong_Kong",
  JST: "Asia/Tokyo", KST: "Asia/Seoul", AWST: "Australia/Perth", ACST: "Australia/Adelaide", ACDT: "Australia/Adelaide",
  AEST: "Australia/Sydney", AEDT: "Australia/Sydney", NZST: "Pacific/Auckland", NZDT: "Pacific/Auckland",
};
/** These collide with ordinary uses ("PT" part-time, "CT" Connecticut, "HST" a Canadian sales tax): taken only beside a time. */
const SHORT_ABBREVIATIONS = new Set(["ET", "CT", "MT", "PT", "WEST", "HST"]);

const REGION_WORDS: Record<string, string> = {
  eastern: "America/New_York", "east coast": "America/New_York", central: "America/Chicago", mountain: "America/Denver",
  pacific: "America/Los_Angeles", "west coast": "America/Los_Angeles", atlantic: "America/Halifax", alaska: "America/Anchorage",
  hawaii: "Pacific/Honolulu", "hawaii-aleutian": "Pacific/Honolulu", "central european": "Europe/Berlin",
  "eastern european": "Europe/Helsinki", "western european": "Europe/Lisbon", british: "Europe/London", uk: "Europe/London",
  "greenwich mean": "Europe/London", "irish": "Europe/Dublin", india: "Asia/Kolkata", indian: "Asia/Kolkata",
  japan: "Asia/Tokyo", singapore: "Asia/Singapore", "australian eastern": "Australia/Sydney",
  "australian central": "Australia/Adelaide", "australian western": "Australia/Perth", "new zealand": "Pacific/Auckland",
};

/** Fractional offsets that belong to one place ("UTC+5:30" is India). */
const FRACTIONAL_OFFSETS: Record<string, string> = {
  "+5:30": "Asia/Kolkata", "+5:45": "Asia/Kathmandu", "+3:30": "Asia/Tehran", "+4:30": "Asia/Kabul",
  "+6:30": "Asia/Yangon", "+9:30": "Australia/Adelaide", "-3:30": "America/St_Johns",
};

const ZONE_BY_NAME = new Map<string, string>();
const ZONE_BY_COUNTRY = new Map<string, string>();
for (const [zone, names] of Object.entries(PLACES)) for (const n of names.split("|")) ZONE_BY_NAME.set(n.toLowerCase(), zone);
for (const [iso, zone, names] of COUNTRIES) {
  ZONE_BY_COUNTRY.set(iso, zone);
  for (const n of names.split("|")) ZONE_BY_NAME.set(n.toLowerCase(), zone);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const PLACE = [...ZONE_BY_NAME.keys()].sort((a, b) => b.length - a.length).map(escape).join("|");
const END = String.raw`(?![\p{L}\d'’-])`;
const START = String.raw`(?<![\p{L}\d'’-])`;
const STRONG_CUES = String.raw`based in|based out of|located in|living in|live in|(?:I['’]?m|I am|we['’]re|we are|currently|here|over|out|I live|we live) in|offices? in|HQ in|headquartered in|time in|near`;
const CUED_PLACE = new RegExp(String.raw`\b(${STRONG_CUES}|in|from)\s+(?:the\s+)?(${PLACE})${END}`, "giu");
const SUFFIXED_PLACE = new RegExp(String.raw`${START}(${PLACE})(?:\s+|-)(?:time(?:\s*zone)?|timezone|tz|based|hours)\b`, "giu");
const BRACKETED_PLACE = new RegExp(String.raw`\(\s*(${PLACE})\s*\)`, "giu");
const BARE_PLACE = new RegExp(String.raw`${START}(${PLACE})${END}`, "iu");
/** A place followed by another capitalised word is part of a longer name ("Phoenix Analytics", "London Stock Exchange"). */
const NAME_GOES_ON = /^\s+(?!(?:UK|US|USA|EU|Area|Office|Time|Standard|Daylight|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|And|But|So|Or)\b)[A-Z]/;

const IANA_LIKE = /\b([A-Z][A-Za-z_-]+\/[A-Z][A-Za-z_-]+(?:\/[A-Z][A-Za-z_-]+)?)\b/g;
const REGION = Object.keys(REGION_WORDS).sort((a, b) => b.length - a.length).map(escape).join("|");
const REGION_TIME = new RegExp(String.raw`\b(${REGION})(?:\s+(?:standard|daylight|summer))?\s*(?:time(?:\s*zone)?|timezone|tz)\b`, "i");
const BARE_REGION = new RegExp(String.raw`^\s*(?:the\s+)?(${REGION})(?:\s+(?:standard|daylight|summer))?\s*(?:time(?:\s*zone)?|timezone|tz)?\s*[.!]?\s*$`, "i");
const ABBR = Object.keys(ABBREVIATIONS).sort((a, b) => b.length - a.length).join("|");
const ABBR_WORD = new RegExp(String.raw`\b(${ABBR})\b`, "g");
const TIME_BEFORE = /(?:\d(?:\s*[ap]\.?m\.?)?|\d:\d\d|\(|\bin)\s*$/i;
const ZONE_AFTER = /^\s*(?:time|timezone|zone|\))/i;
const OFFSET = /\b(?:UTC|GMT)\s?([+−-])\s?(\d{1,2})(?::?(\d{2}))?\b/i;

/** The zone of a city, state, region or country named exactly ("Berlin", "Texas", "India"), if the table knows it. */
export function placeZone(name: string): string | undefined {
  return ZONE_BY_NAME.get(name.trim().toLowerCase());
}

export function isValidTimeZone(name: string): boolean {
  return IANAZone.isValidZone(name);
}

export interface TimeZoneTextOptions {
  /**
   * The text answers "which time zone are you in?": a bare place ("Berlin", "India"), region ("Eastern")
   * or lowercase abbreviation ("pst") counts without a location cue.
   */
  answer?: boolean;
}

/**
 * The IANA zone a message names, or undefined. In order: an IANA name, a region's time ("Pacific time"), a
 * UTC offset, an abbreviation ("PST"), then a place. Places need a cue ("in", "based in", "London time",
 * "(Berlin)"); names that are also people's or products' names ("Jordan", "Phoenix") need a strong one.
 */
export function timeZoneFromText(text: string, options: TimeZoneTextOptions = {}): string | undefined {
  for (const m of text.matchAll(IANA_LIKE)) if (isValidTimeZone(m[1]!)) return m[1];
  const region = text.match(REGION_TIME) ?? (options.answer ? text.match(BARE_REGION) : null);
  if (region) return REGION_WORDS[region[1]!.toLowerCase()];
  const offset = fromOffset(text);
  if (offset) return offset;
  const abbreviation = fromAbbreviation(text, options.answer === true);
  if (abbreviation) return abbreviation;
  return fromPlace(text, options.answer === true);
}

function fromOffset(text: string): string | undefined {
  const m = text.match(OFFSET);
  if (!m) return undefined;
  const sign = m[1] === "+" ? "+" : "-";
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (minutes) return FRACTIONAL_OFFSETS[`${sign}${hours}:${m[3]}`];
  if (hours === 0) return "UTC";
  // IANA's Etc zones invert the sign: UTC+2 is Etc/GMT-2.
  const zone = `Etc/GMT${sign === "+" ? "-" : "+"}${hours}`;
  return isValidTimeZone(zone) ? zone : undefined;
}

function fromAbbreviation(text: string, answer: boolean): string | undefined {
  for (const m of text.matchAll(ABBR_WORD)) {
    const abbr = m[1]!;
    if (SHORT_ABBREVIATIONS.has(abbr)) {
      const before = text.slice(0, m.index);
      const after = text.slice(m.index! + abbr.length);
      if (!TIME_BEFORE.test(before) && !ZONE_AFTER.test(after) && !(answer && text.trim() === abbr)) continue;
    }
    return ABBREVIATIONS[abbr];
  }
  if (answer) {
    const lone = text.trim().replace(/[.!]$/, "").toUpperCase();
    if (ABBREVIATIONS[lone]) return ABBREVIATIONS[lone];
  }
  return undefined;
}

function fromPlace(text: string, answer: boolean): string | undefined {
  const found: { index: number; zone: string }[] = [];
  const take = (m: RegExpMatchArray, place: string, strong: boolean) => {
    const key = place.toLowerCase();
    if (AMBIGUOUS.has(key) && !strong) return;
    if (NAME_GOES_ON.test(text.slice(m.index! + m[0].length))) return;
    found.push({ index: m.index!, zone: ZONE_BY_NAME.get(key)! });
  };
  for (const m of text.matchAll(CUED_PLACE)) take(m, m[2]!, !/^(?:in|from)$/i.test(m[1]!));
  for (const m of text.matchAll(SUFFIXED_PLACE)) take(m, m[1]!, true);
  for (const m of text.matchAll(BRACKETED_PLACE)) take(m, m[1]!, true);
  if (found.length) return found.sort((a, b) => a.index - b.index)[0]!.zone;
  if (!answer) return undefined;
  const bare = text.match(BARE_PLACE);
  return bare && text.trim().split(/\s+/).length <= 6 ? ZONE_BY_NAME.get(bare[1]!.toLowerCase()) : undefined;
}

/**
 * A readable name for a zone at an instant: "Eastern Standard Time (EST)", "Central European Summer Time (CEST)",
 * "India Standard Time (UTC+5:30)", or just "UTC+2" for a bare offset zone.
 */
export function zoneLabel(zone: string, at: Date): string {
  const dt = DateTime.fromJSDate(at, { zone });
  if (!dt.isValid) return zone;
  const short = [dt.offsetNameShort, dt.setLocale("en-GB").offsetNameShort].find((s) => s && !/^GMT[+-]/.test(s)) ??
    (dt.offsetNameShort ?? "").replace(/^GMT/, "UTC");
  const long = dt.offsetNameLong ?? "";
  if (!long || /^GMT[+-]/.test(long) || long === short) return short;
  return `${long} (${short})`;
}

const ZONE_BY_AREA_CODE = new Map<string, string>(
  Object.entries(JSON.parse(fs.readFileSync(new URL("./data/nanp-area-codes.json", import.meta.url), "utf8")) as Record<string, unknown>)
    .filter(([zone]) => !zone.startsWith("_"))
    .flatMap(([zone, codes]) => (codes as number[]).map((code) => [String(code), zone] as const)),
);

/** The main country of each calling code ("44" → GB), for numbers whose exact range the metadata doesn't know. */
const COUNTRY_BY_CALLING_CODE = new Map<string, CountryCode>();
for (const country of getCountries()) {
  const code = getCountryCallingCode(country);
  if (!COUNTRY_BY_CALLING_CODE.has(code) && ZONE_BY_COUNTRY.has(country)) COUNTRY_BY_CALLING_CODE.set(code, country);
}
for (const [code, country] of [["44", "GB"], ["7", "RU"], ["61", "AU"], ["39", "IT"], ["47", "NO"], ["358", "FI"], ["262", "RE"], ["590", "GP"]] as const) {
  COUNTRY_BY_CALLING_CODE.set(code, country);
}

/**
 * The zone a phone number most likely keeps: North American numbers by area code, others by their country
 * when it keeps one zone. Undefined when it can't be told (a US toll-free number, Australia, Russia…).
 */
export function zoneFromPhone(e164: string): string | undefined {
  const digits = e164.replace(/\D/g, "");
  if (e164.trim().startsWith("+1") || (digits.length === 11 && digits.startsWith("1"))) return ZONE_BY_AREA_CODE.get(digits.slice(1, 4));
  const parsed = parsePhoneNumberFromString(e164.startsWith("+") ? e164 : `+${digits}`);
  const country = parsed?.country ?? (parsed ? COUNTRY_BY_CALLING_CODE.get(parsed.countryCallingCode) : undefined);
  return country ? ZONE_BY_COUNTRY.get(country) : undefined;
}
