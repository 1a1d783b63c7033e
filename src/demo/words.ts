import type { Sector, Seniority } from "./catalog.js";

/** Word lists the generator composes fictional people and companies from. */

export const FIRST_NAMES = [
  "Aaron", "Abigail", "Adrian", "Aisha", "Alejandro", "Alice", "Amara", "Amelia", "Ana", "Andrea", "Anika", "Arjun",
  "Ava", "Beatriz", "Benjamin", "Bianca", "Caleb", "Camille", "Carlos", "Charlotte", "Chen", "Chloe", "Daniel",
  "Daria", "David", "Diego", "Elena", "Elijah", "Emily", "Emma", "Ethan", "Fatima", "Felix", "Fiona", "Gabriel",
  "Grace", "Hannah", "Hana", "Harper", "Hiroshi", "Ibrahim", "Ines", "Isaac", "Isabel", "Ivan", "Jack", "James",
  "Jasmine", "Javier", "Julia", "Kai", "Karan", "Katarina", "Kenji", "Laila", "Lars", "Laura", "Leo", "Liam",
  "Lina", "Lucas", "Lucia", "Maya", "Marco", "Maria", "Mateo", "Mei", "Mia", "Miguel", "Mohammed", "Naomi", "Nathan",
  "Nia", "Nikhil", "Noah", "Nora", "Oliver", "Olivia", "Omar", "Oscar", "Priya", "Rafael", "Rahul", "Rebecca",
  "Rosa", "Ryan", "Sakura", "Samuel", "Sara", "Sebastian", "Sofia", "Sophie", "Tariq", "Theo", "Thomas", "Valentina",
  "Victor", "Wei", "William", "Yara", "Yusuf", "Zoe",
] as const;

export const LAST_NAMES = [
  "Abbott", "Adeyemi", "Alvarez", "Andersen", "Bakker", "Banerjee", "Barros", "Becker", "Bennett", "Bergstrom",
  "Brooks", "Carter", "Castillo", "Chandra", "Chen", "Coleman", "Costa", "Dubois", "Duarte", "Ellis", "Eriksson",
  "Fernandes", "Fischer", "Fitzgerald", "Foster", "Garcia", "Gupta", "Hansen", "Hartmann", "Hayes", "Hoffman",
  "Hughes", "Ibrahim", "Ito", "Jansen", "Jensen", "Johansson", "Kapoor", "Kelly", "Kim", "Klein", "Kowalski",
  "Kumar", "Larsen", "Laurent", "Lee", "Lindqvist", "Lopez", "Martin", "Mendes", "Meyer", "Mitchell", "Moreau",
  "Morgan", "Murphy", "Nakamura", "Nguyen", "Novak", "Obi", "Okafor", "Olsen", "Ortiz", "Park", "Patel", "Perez",
  "Petrov", "Quinn", "Ramirez", "Reddy", "Reyes", "Richter", "Rossi", "Russo", "Saito", "Santos", "Schmidt",
  "Schneider", "Shah", "Silva", "Singh", "Sullivan", "Suzuki", "Tan", "Tanaka", "Taylor", "Thompson", "Torres",
  "Turner", "Van Dijk", "Vargas", "Verma", "Wagner", "Walsh", "Wang", "Weber", "Wilson", "Wong", "Yamamoto",
  "Yilmaz", "Zhang",
] as const;

export const COMPANY_ROOTS = [
  "Alder", "Amberly", "Apex", "Arbor", "Ardent", "Atlas", "Azure", "Beacon", "Birch", "Bluefin", "Boulder",
  "Brightwater", "Broadleaf", "Canyon", "Cascade", "Cedar", "Clearpath", "Cobalt", "Copperline", "Crescent",
  "Crestview", "Driftwood", "Eastgate", "Ember", "Evergreen", "Fairhaven", "Falcon", "Fernwood", "Foxglove",
  "Galena", "Granite", "Greystone", "Halcyon", "Harborline", "Hawthorn", "Highpoint", "Ironbridge", "Juniper",
  "Keystone", "Kestrel", "Lakeshore", "Larkspur", "Lodestar", "Lumen", "Maplecrest", "Meridian", "Millbrook",
  "Northfield", "Oakridge", "Onyx", "Orchard", "Palisade", "Pinecone", "Pioneer", "Quarry", "Quillon", "Radiant",
  "Redwood", "Ridgeway", "Riverbend", "Saltmarsh", "Sandstone", "Silverpine", "Skyline", "Solstice", "Sparrow",
  "Stonebridge", "Summitry", "Sunridge", "Tallgrass", "Thornbury", "Tidewater", "Timberline", "Trillium",
  "Truenorth", "Upland", "Valewood", "Vantage", "Verdant", "Westbrook", "Whitecap", "Wildrose", "Willowmere",
  "Windward", "Yarrow", "Zenith",
] as const;

export const SECTOR_NOUNS: Record<Sector, readonly string[]> = {
  software: ["Software", "Systems", "Labs", "Cloud", "Technologies"],
  retail: ["Retail", "Outfitters", "Markets", "Goods", "Stores"],
  finance: ["Capital", "Financial", "Bancorp", "Insurance", "Investments"],
  healthcare: ["Health", "Medical", "Clinics", "Biosciences", "Care"],
  manufacturing: ["Industries", "Manufacturing", "Works", "Components", "Fabrication"],
  telecom: ["Telecom", "Networks", "Communications", "Wireless", "Fiber"],
  energy: ["Energy", "Power", "Renewables", "Utilities", "Resources"],
  education: ["Learning", "Education", "Academies", "Schools", "College"],
  media: ["Media", "Studios", "Publishing", "Broadcasting", "Entertainment"],
  logistics: ["Logistics", "Freight", "Shipping", "Transport", "Supply"],
};

export const SUBSIDIARY_SUFFIXES = ["Europe", "Asia Pacific", "Americas", "Digital", "Services", "International"] as const;

export const TITLES: Record<Seniority, readonly string[]> = {
  c_level: ["Chief Data Officer", "Chief Financial Officer", "Chief Technology Officer", "Chief Operating Officer", "Chief Information Officer"],
  vp: ["VP of Analytics", "VP of Finance", "VP of Engineering", "VP of Operations", "VP of Sales Operations"],
  director: ["Director of Business Intelligence", "Head of Data", "Director of FP&A", "Director of IT", "Head of Revenue Operations"],
  manager: ["Analytics Manager", "BI Manager", "Data Engineering Manager", "Finance Manager", "Marketing Operations Manager"],
  individual: ["Data Analyst", "BI Developer", "Data Engineer", "Financial Analyst", "Operations Analyst", "Marketing Analyst"],
};
