/**
 * Static vocabulary of the demo company: regions, names, products, bundles, campaigns and text
 * templates. Kept apart from the generator so the numbers that shape the data (weights, margins,
 * bundle probabilities) can be read and tuned in one place.
 */
import type { Condition, Rule } from "@/lib/segments/rules/rule";
import type { CampaignStatus, CampaignType, Channel, Direction } from "@/lib/generated/prisma/enums";

// ---------------------------------------------------------------------------------------------
// Geography

export type City = { name: string; areaCode: string };
export type RegionDef = { name: string; weight: number; team: "East" | "West"; cities: City[] };

// Weights loosely follow where China's business activity is; the two sales teams split the country
// roughly in half so both have comparable books.
export const REGIONS: RegionDef[] = [
  {
    name: "East China",
    weight: 28,
    team: "East",
    cities: [
      { name: "Shanghai", areaCode: "21" },
      { name: "Hangzhou", areaCode: "571" },
      { name: "Nanjing", areaCode: "25" },
      { name: "Suzhou", areaCode: "512" },
      { name: "Hefei", areaCode: "551" },
      { name: "Jinan", areaCode: "531" },
      { name: "Qingdao", areaCode: "532" },
      { name: "Fuzhou", areaCode: "591" },
      { name: "Xiamen", areaCode: "592" },
      { name: "Ningbo", areaCode: "574" },
    ],
  },
  {
    name: "North China",
    weight: 17,
    team: "East",
    cities: [
      { name: "Beijing", areaCode: "10" },
      { name: "Tianjin", areaCode: "22" },
      { name: "Shijiazhuang", areaCode: "311" },
      { name: "Taiyuan", areaCode: "351" },
      { name: "Hohhot", areaCode: "471" },
    ],
  },
  {
    name: "Northeast",
    weight: 7,
    team: "East",
    cities: [
      { name: "Shenyang", areaCode: "24" },
      { name: "Dalian", areaCode: "411" },
      { name: "Harbin", areaCode: "451" },
      { name: "Changchun", areaCode: "431" },
    ],
  },
  {
    name: "South China",
    weight: 18,
    team: "West",
    cities: [
      { name: "Guangzhou", areaCode: "20" },
      { name: "Shenzhen", areaCode: "755" },
      { name: "Dongguan", areaCode: "769" },
      { name: "Nanning", areaCode: "771" },
      { name: "Haikou", areaCode: "898" },
    ],
  },
  {
    name: "Central China",
    weight: 12,
    team: "West",
    cities: [
      { name: "Wuhan", areaCode: "27" },
      { name: "Changsha", areaCode: "731" },
      { name: "Zhengzhou", areaCode: "371" },
      { name: "Nanchang", areaCode: "791" },
    ],
  },
  {
    name: "Southwest",
    weight: 12,
    team: "West",
    cities: [
      { name: "Chengdu", areaCode: "28" },
      { name: "Chongqing", areaCode: "23" },
      { name: "Kunming", areaCode: "871" },
      { name: "Guiyang", areaCode: "851" },
      { name: "Lhasa", areaCode: "891" },
    ],
  },
  {
    name: "Northwest",
    weight: 6,
    team: "West",
    cities: [
      { name: "Xi'an", areaCode: "29" },
      { name: "Lanzhou", areaCode: "931" },
      { name: "Urumqi", areaCode: "991" },
      { name: "Yinchuan", areaCode: "951" },
      { name: "Xining", areaCode: "971" },
    ],
  },
];

export const TEAM_REGIONS: Record<string, string | null> = { East: "East China", West: "Southwest", Service: null };

// ---------------------------------------------------------------------------------------------
// Customers

export const KIND_WEIGHTS = [
  ["INDIVIDUAL", 55],
  ["ENTERPRISE", 37],
  ["GOVERNMENT", 8],
] as const;

export type IndustryDef = { name: string; weight: number; words: string[] };

export const INDUSTRIES: IndustryDef[] = [
  { name: "Telecom", weight: 6, words: ["Communications", "Telecom", "Networks", "Information Technology"] },
  { name: "Finance", weight: 10, words: ["Securities", "Capital", "Insurance", "Financial Leasing", "Rural Commercial Bank"] },
  { name: "Retail", weight: 14, words: ["Retail", "Trading", "Supermarkets", "Department Stores", "E-commerce"] },
  {
    name: "Manufacturing",
    weight: 16,
    words: ["Precision Manufacturing", "Machinery", "Electronics", "Auto Parts", "Textiles", "Chemicals"],
  },
  { name: "Education", weight: 6, words: ["Education Technology", "Training", "Vocational College", "Academy"] },
  { name: "Healthcare", weight: 8, words: ["Pharmaceutical", "Medical Devices", "Health Management", "Hospital"] },
  { name: "Logistics", weight: 10, words: ["Logistics", "Express", "Supply Chain", "Cold Chain", "Freight"] },
  { name: "Energy", weight: 6, words: ["New Energy", "Power", "Solar", "Gas", "Petroleum Services"] },
  { name: "Hospitality", weight: 6, words: ["Hotels", "Catering", "Tourism", "Restaurant Group"] },
  { name: "Real estate", weight: 6, words: ["Property", "Real Estate Development", "Property Management", "Construction"] },
  { name: "Technology", weight: 12, words: ["Software", "Technology", "Data Services", "Semiconductor", "Internet"] },
];

export const PUBLIC_SECTOR = "Public sector";

/** Institutions whose names read wrong with "Co., Ltd." after them. */
export const NO_SUFFIX_WORDS = new Set(["Rural Commercial Bank", "Vocational College", "Academy", "Hospital"]);

export const COMPANY_SUFFIXES = [
  ["Co., Ltd.", 6],
  ["Group Co., Ltd.", 2],
  ["Holdings", 1],
  ["Corporation", 1],
] as const;

export const BRAND_FIRST = [
  "Hua", "Zhong", "Tian", "Jin", "Xin", "Heng", "Long", "Hai", "Dong", "Bao", "Yuan", "Kai", "Ming", "Rui",
  "Sheng", "Feng", "Guo", "Hong", "Jia", "Kang", "Mei", "Ning", "Qi", "Run", "Shun", "Tai", "Wan", "Xing",
  "Yi", "Zhi", "Chang", "Da", "Fu", "Gao", "Hui", "Li", "Tong", "Wei", "Yong", "Zhen",
];
export const BRAND_SECOND = [
  "xin", "tong", "da", "feng", "sheng", "yuan", "hua", "tai", "long", "hai", "kang", "rui", "chuang", "ke",
  "xiang", "yu", "an", "bo", "cheng", "de", "fa", "hong", "jie", "lian", "mao", "peng", "qiang", "ran",
  "shi", "wei",
];

export const GOV_AGENCIES: { name: string; code: string }[] = [
  { name: "Bureau of Education", code: "edu" },
  { name: "Health Commission", code: "wjw" },
  { name: "Public Security Bureau", code: "gaj" },
  { name: "Transport Bureau", code: "jtj" },
  { name: "Housing and Urban-Rural Development Bureau", code: "zjj" },
  { name: "Bureau of Natural Resources", code: "zrzy" },
  { name: "Ecology and Environment Bureau", code: "sthj" },
  { name: "Market Regulation Administration", code: "scjg" },
  { name: "Human Resources and Social Security Bureau", code: "rsj" },
  { name: "Water Resources Bureau", code: "slj" },
  { name: "Emergency Management Bureau", code: "yjj" },
  { name: "Big Data Bureau", code: "sjj" },
  { name: "Bureau of Commerce", code: "swj" },
  { name: "Finance Bureau", code: "czj" },
  { name: "Civil Affairs Bureau", code: "mzj" },
  { name: "Culture and Tourism Bureau", code: "wlj" },
  { name: "Agriculture and Rural Affairs Bureau", code: "nyj" },
  { name: "Statistics Bureau", code: "tjj" },
  { name: "Urban Management Bureau", code: "cgj" },
  { name: "People's Hospital", code: "rmyy" },
  { name: "Housing Provident Fund Center", code: "gjj" },
  { name: "Government Service Center", code: "zwfw" },
];

export const DISTRICTS = [
  "Xinhua", "Jianshe", "Binhai", "Gaoxin", "Jingkai", "Chengguan", "Zhongshan", "Renmin", "Heping",
  "Changjiang", "Jinshui", "Longhua", "Baiyun", "Xihu", "Jiangbei", "Nanshan", "Tianhe", "Qingshan",
  "Xiangyang", "Huangpu",
];

export const CN_SURNAMES = [
  "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu",
  "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Han", "Feng", "Deng", "Cao",
  "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai", "Jiang", "Yu", "Du", "Ye", "Cheng", "Wei",
  "Su", "Lu", "Ding", "Ren", "Shen", "Yao", "Fang",
];
export const CN_GIVEN = [
  "Wei", "Fang", "Na", "Min", "Jing", "Li", "Qiang", "Lei", "Jun", "Yang", "Yong", "Yan", "Jie", "Tao", "Ming",
  "Chao", "Xiuying", "Xia", "Ping", "Gang", "Hui", "Yu", "Hao", "Xin", "Lin", "Bo", "Ying", "Lan", "Peng",
  "Hua", "Dan", "Kai", "Rui", "Ting", "Xue", "Yun", "Zhen", "Long", "Qing", "Jian", "Haoran", "Zihan",
  "Yuxuan", "Yichen", "Zixuan", "Xinyi", "Jiahao", "Junjie", "Shuang", "Mengyao",
];
export const EN_FIRST = [
  "James", "Emily", "Michael", "Sarah", "David", "Olivia", "Daniel", "Sophia", "Thomas", "Emma", "Andrew",
  "Grace", "Peter", "Lucy", "Kevin", "Anna", "Mark", "Rachel", "Steven", "Laura", "Brian", "Helen", "Eric",
  "Claire", "Jason", "Amy",
];
export const EN_LAST = [
  "Smith", "Johnson", "Brown", "Taylor", "Miller", "Wilson", "Moore", "Anderson", "Clark", "Walker", "Young",
  "Scott", "Turner", "Parker", "Evans", "Carter", "Mitchell", "Roberts", "Campbell", "Murphy", "Kelly",
  "Morgan", "Bennett", "Hughes",
];

export const PERSONAL_EMAIL_DOMAINS = [
  ["163.com", 22],
  ["qq.com", 30],
  ["126.com", 10],
  ["sina.com", 5],
  ["foxmail.com", 6],
  ["outlook.com", 8],
  ["gmail.com", 6],
  ["139.com", 5],
] as const;

export const BUSINESS_MAILBOXES = ["info", "contact", "service", "sales", "admin", "procurement", "it"];

/** Chinese mobile prefixes in use (China Mobile, Unicom, Telecom). */
export const MOBILE_PREFIXES = [
  "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
  "157", "158", "159", "176", "177", "178", "180", "181", "182", "183", "185", "186", "187", "188", "189",
  "191", "198", "199",
];

export const SOURCES = [
  ["web", 26],
  ["referral", 16],
  ["event", 12],
  ["campaign", 14],
  ["partner", 9],
  ["cold call", 12],
  ["advertising", 11],
] as const;

export const ENTERPRISE_TITLES = [
  "Procurement Manager", "IT Director", "CFO", "Office Administrator", "Operations Manager", "CIO",
  "Purchasing Officer", "General Manager", "Network Engineer", "Facilities Manager",
];
export const GOVERNMENT_TITLES = [
  "Section Chief", "IT Division Director", "Procurement Officer", "Deputy Director", "Office Secretary",
  "Information Center Engineer",
];
export const INDIVIDUAL_CONTACT_TITLES = ["Family member", "Assistant", "Spouse"];

export const CUSTOMER_NOTES = [
  "Prefers calls after 14:00.",
  "Prefers contact by email; do not call during lunch.",
  "Best time to call: weekday mornings.",
  "Price sensitive; compare offers before renewing.",
  "Asked for invoices in Chinese and English.",
  "Decision maker travels often; book meetings a week ahead.",
  "Long-standing customer since the 4G era.",
  "Referred by an existing customer.",
];

// ---------------------------------------------------------------------------------------------
// Products

export type Audience = "consumer" | "business" | "all";
export type CategoryKey = "BB" | "MOB" | "DEV" | "ACC" | "CLD" | "SEC" | "SUP" | "IOT";

export type CategoryDef = { key: CategoryKey; name: string; margin: number; solution: string };

// Margins differ by category the way a telecom's do: hardware is thin, services and software fat.
export const CATEGORIES: CategoryDef[] = [
  { key: "BB", name: "Broadband Plans", margin: 0.48, solution: "Broadband upgrade" },
  { key: "MOB", name: "Mobile Plans", margin: 0.55, solution: "Mobile fleet plan" },
  { key: "DEV", name: "Devices", margin: 0.14, solution: "Device refresh" },
  { key: "ACC", name: "Accessories", margin: 0.58, solution: "Accessories order" },
  { key: "CLD", name: "Cloud Services", margin: 0.38, solution: "Cloud migration" },
  { key: "SEC", name: "Security", margin: 0.62, solution: "Security upgrade" },
  { key: "SUP", name: "Support Contracts", margin: 0.68, solution: "Support contract" },
  { key: "IOT", name: "IoT Solutions", margin: 0.33, solution: "IoT rollout" },
];

/**
 * `service` products are bought once per order (or a few months at a time); `unit` products scale
 * with the size of the buyer (phones for every employee, SIMs for every truck).
 */
export type ProductDef = {
  sku: string;
  name: string;
  category: CategoryKey;
  price: number;
  audience: Audience;
  popularity: number;
  unit: "unit" | "service";
};

export const PRODUCTS: ProductDef[] = [
  { sku: "BB-FIB-100", name: "Fiber 100M home broadband (12 months)", category: "BB", price: 960, audience: "consumer", popularity: 3, unit: "service" },
  { sku: "BB-FIB-300", name: "Fiber 300M home broadband (12 months)", category: "BB", price: 1440, audience: "consumer", popularity: 4, unit: "service" },
  { sku: "BB-FIB-500", name: "Fiber 500M home broadband (12 months)", category: "BB", price: 1920, audience: "consumer", popularity: 7, unit: "service" },
  { sku: "BB-FIB-1000", name: "Fiber 1000M home broadband (12 months)", category: "BB", price: 2880, audience: "consumer", popularity: 5, unit: "service" },
  { sku: "BB-BIZ-500", name: "Business fiber 500 Mbps (12 months)", category: "BB", price: 7800, audience: "business", popularity: 3, unit: "service" },
  { sku: "BB-BIZ-1G", name: "Business fiber 1 Gbps (12 months)", category: "BB", price: 12000, audience: "business", popularity: 6, unit: "service" },
  { sku: "BB-DIA-100", name: "Dedicated internet access 100 Mbps (12 months)", category: "BB", price: 36000, audience: "business", popularity: 2, unit: "service" },
  { sku: "BB-SDWAN", name: "SD-WAN branch link (monthly)", category: "BB", price: 1200, audience: "business", popularity: 2, unit: "unit" },

  { sku: "MOB-5G-59", name: "5G Essential 30 GB (monthly)", category: "MOB", price: 59, audience: "consumer", popularity: 6, unit: "service" },
  { sku: "MOB-5G-99", name: "5G Plus 60 GB (monthly)", category: "MOB", price: 99, audience: "consumer", popularity: 7, unit: "service" },
  { sku: "MOB-5G-129", name: "5G Family share (monthly)", category: "MOB", price: 129, audience: "consumer", popularity: 4, unit: "service" },
  { sku: "MOB-5G-199", name: "5G Unlimited 199 (monthly)", category: "MOB", price: 199, audience: "all", popularity: 5, unit: "service" },
  { sku: "MOB-5G-299", name: "5G Premium unlimited (monthly)", category: "MOB", price: 299, audience: "consumer", popularity: 2, unit: "service" },
  { sku: "MOB-ROAM", name: "International roaming pack (7 days)", category: "MOB", price: 98, audience: "all", popularity: 2, unit: "service" },
  { sku: "MOB-BIZ-POOL", name: "Business 5G pooled data 1 TB (monthly)", category: "MOB", price: 2800, audience: "business", popularity: 4, unit: "service" },
  { sku: "MOB-BIZ-LINE", name: "Business mobile line (monthly)", category: "MOB", price: 88, audience: "business", popularity: 5, unit: "unit" },

  { sku: "DEV-PHN-X9", name: "Summit X9 Pro 5G smartphone", category: "DEV", price: 6999, audience: "all", popularity: 6, unit: "unit" },
  { sku: "DEV-PHN-A5", name: "Summit A5 5G smartphone", category: "DEV", price: 1999, audience: "all", popularity: 7, unit: "unit" },
  { sku: "DEV-PHN-LITE", name: "Summit Lite 4G phone", category: "DEV", price: 899, audience: "consumer", popularity: 2, unit: "unit" },
  { sku: "DEV-TAB", name: "Summit Tab 11 tablet", category: "DEV", price: 3299, audience: "all", popularity: 2, unit: "unit" },
  { sku: "DEV-LAP", name: "Business laptop 14-inch", category: "DEV", price: 6499, audience: "business", popularity: 5, unit: "unit" },
  { sku: "DEV-MESH", name: "Wi-Fi 6 mesh router (2-pack)", category: "DEV", price: 699, audience: "all", popularity: 2, unit: "unit" },
  { sku: "DEV-CPE", name: "5G CPE home router", category: "DEV", price: 899, audience: "consumer", popularity: 2, unit: "unit" },
  { sku: "DEV-WATCH", name: "Smartwatch with eSIM", category: "DEV", price: 1299, audience: "consumer", popularity: 2, unit: "unit" },
  { sku: "DEV-IPPHONE", name: "IP desk phone", category: "DEV", price: 599, audience: "business", popularity: 2, unit: "unit" },

  { sku: "ACC-CASE", name: "Protective phone case", category: "ACC", price: 79, audience: "all", popularity: 2, unit: "unit" },
  { sku: "ACC-SCRN", name: "Tempered glass screen protector", category: "ACC", price: 49, audience: "all", popularity: 2, unit: "unit" },
  { sku: "ACC-CHG", name: "65 W fast charger", category: "ACC", price: 129, audience: "all", popularity: 3, unit: "unit" },
  { sku: "ACC-BUDS", name: "Wireless earbuds", category: "ACC", price: 499, audience: "consumer", popularity: 3, unit: "unit" },
  { sku: "ACC-PWR", name: "Power bank 20,000 mAh", category: "ACC", price: 149, audience: "consumer", popularity: 3, unit: "unit" },
  { sku: "ACC-CBL", name: "USB-C cable (2 m)", category: "ACC", price: 39, audience: "all", popularity: 2, unit: "unit" },
  { sku: "ACC-BAG", name: "Laptop sleeve", category: "ACC", price: 199, audience: "all", popularity: 1, unit: "unit" },

  { sku: "CLD-VM-4", name: "Cloud server 4 vCPU / 8 GB (monthly)", category: "CLD", price: 420, audience: "business", popularity: 7, unit: "unit" },
  { sku: "CLD-VM-8", name: "Cloud server 8 vCPU / 16 GB (monthly)", category: "CLD", price: 830, audience: "business", popularity: 6, unit: "unit" },
  { sku: "CLD-OBJ", name: "Object storage 1 TB (monthly)", category: "CLD", price: 120, audience: "business", popularity: 3, unit: "unit" },
  { sku: "CLD-DB", name: "Managed database (monthly)", category: "CLD", price: 1200, audience: "business", popularity: 3, unit: "unit" },
  { sku: "CLD-CDN", name: "CDN traffic 10 TB", category: "CLD", price: 1800, audience: "business", popularity: 2, unit: "unit" },
  { sku: "CLD-BKP", name: "Cloud backup 500 GB (monthly)", category: "CLD", price: 300, audience: "all", popularity: 2, unit: "unit" },
  { sku: "CLD-MAIL", name: "Enterprise email (per seat, 12 months)", category: "CLD", price: 240, audience: "business", popularity: 3, unit: "unit" },
  { sku: "CLD-DESK", name: "Cloud desktop seat (monthly)", category: "CLD", price: 150, audience: "business", popularity: 2, unit: "unit" },
  { sku: "CLD-DRIVE", name: "Personal cloud drive 2 TB (12 months)", category: "CLD", price: 199, audience: "consumer", popularity: 4, unit: "service" },

  { sku: "SEC-HOME", name: "Home network security suite (12 months)", category: "SEC", price: 168, audience: "consumer", popularity: 2, unit: "service" },
  { sku: "SEC-MOB", name: "Mobile antivirus (12 months)", category: "SEC", price: 48, audience: "consumer", popularity: 4, unit: "service" },
  { sku: "SEC-FW", name: "Enterprise firewall appliance", category: "SEC", price: 18000, audience: "business", popularity: 4, unit: "unit" },
  { sku: "SEC-DDOS", name: "DDoS protection (monthly)", category: "SEC", price: 6000, audience: "business", popularity: 2, unit: "service" },
  { sku: "SEC-MSS", name: "Managed security service (monthly)", category: "SEC", price: 9600, audience: "business", popularity: 2, unit: "service" },
  { sku: "SEC-EDR", name: "Endpoint protection (per seat, 12 months)", category: "SEC", price: 180, audience: "business", popularity: 5, unit: "unit" },
  { sku: "SEC-SSL", name: "SSL certificate (12 months)", category: "SEC", price: 1500, audience: "business", popularity: 2, unit: "service" },

  { sku: "SUP-PREM", name: "Premium support (monthly)", category: "SUP", price: 2000, audience: "business", popularity: 2, unit: "service" },
  { sku: "SUP-247", name: "24x7 enterprise support (12 months)", category: "SUP", price: 36000, audience: "business", popularity: 2, unit: "service" },
  { sku: "SUP-CARE", name: "Device care plan (24 months)", category: "SUP", price: 399, audience: "consumer", popularity: 4, unit: "service" },
  { sku: "SUP-WAR", name: "Extended warranty, laptop (3 years)", category: "SUP", price: 499, audience: "business", popularity: 1, unit: "unit" },
  { sku: "SUP-INST", name: "Professional installation and setup", category: "SUP", price: 300, audience: "all", popularity: 3, unit: "service" },
  { sku: "SUP-ONSITE", name: "On-site engineer visit", category: "SUP", price: 800, audience: "business", popularity: 3, unit: "service" },
  { sku: "SUP-TRAIN", name: "Training workshop (1 day)", category: "SUP", price: 5000, audience: "business", popularity: 1, unit: "service" },

  { sku: "IOT-SIM", name: "IoT SIM card (12 months)", category: "IOT", price: 60, audience: "business", popularity: 2, unit: "unit" },
  { sku: "IOT-GPS", name: "GPS fleet tracker", category: "IOT", price: 680, audience: "business", popularity: 6, unit: "unit" },
  { sku: "IOT-METER", name: "Smart meter module", category: "IOT", price: 260, audience: "business", popularity: 5, unit: "unit" },
  { sku: "IOT-SENSOR", name: "Environmental sensor kit", category: "IOT", price: 1200, audience: "business", popularity: 2, unit: "unit" },
  { sku: "IOT-PLAT", name: "IoT platform subscription (monthly)", category: "IOT", price: 3000, audience: "business", popularity: 1, unit: "service" },
  { sku: "IOT-CAM", name: "Smart security camera", category: "IOT", price: 399, audience: "all", popularity: 3, unit: "unit" },
  { sku: "IOT-HOME", name: "Smart home starter kit", category: "IOT", price: 599, audience: "consumer", popularity: 3, unit: "unit" },
];

/**
 * Co-purchase rules: when the anchor is in an order, the partner joins it with this probability.
 * Anchors are popular products, so rules like "X9 phone => case" reach support ~1-3 % of orders
 * with confidence 0.5-0.85, which the association-rule miner should rediscover.
 */
export const BUNDLES: { anchor: string; partner: string; p: number }[] = [
  { anchor: "DEV-PHN-X9", partner: "ACC-CASE", p: 0.7 },
  { anchor: "DEV-PHN-X9", partner: "ACC-SCRN", p: 0.55 },
  { anchor: "DEV-PHN-A5", partner: "ACC-CASE", p: 0.55 },
  { anchor: "DEV-PHN-A5", partner: "ACC-SCRN", p: 0.35 },
  { anchor: "BB-FIB-500", partner: "DEV-MESH", p: 0.5 },
  { anchor: "BB-FIB-500", partner: "SEC-HOME", p: 0.5 },
  { anchor: "BB-FIB-1000", partner: "DEV-MESH", p: 0.65 },
  { anchor: "BB-FIB-1000", partner: "SEC-HOME", p: 0.35 },
  { anchor: "BB-BIZ-1G", partner: "SEC-MSS", p: 0.5 },
  { anchor: "BB-BIZ-1G", partner: "SUP-INST", p: 0.3 },
  { anchor: "CLD-VM-8", partner: "SUP-PREM", p: 0.6 },
  { anchor: "CLD-VM-8", partner: "CLD-BKP", p: 0.3 },
  { anchor: "CLD-VM-4", partner: "CLD-BKP", p: 0.55 },
  { anchor: "DEV-LAP", partner: "SUP-WAR", p: 0.55 },
  { anchor: "DEV-LAP", partner: "ACC-BAG", p: 0.35 },
  { anchor: "SEC-FW", partner: "SUP-INST", p: 0.65 },
  { anchor: "IOT-GPS", partner: "IOT-SIM", p: 0.85 },
  { anchor: "IOT-METER", partner: "IOT-PLAT", p: 0.55 },
  { anchor: "IOT-METER", partner: "IOT-SIM", p: 0.4 },
  { anchor: "MOB-5G-199", partner: "MOB-ROAM", p: 0.25 },
  { anchor: "DEV-TAB", partner: "CLD-DRIVE", p: 0.3 },
];

export type KindKey = "INDIVIDUAL" | "ENTERPRISE" | "GOVERNMENT";

/** What share of an order's anchor products comes from each category, by kind of customer. */
export const CATEGORY_PREFERENCE: Record<KindKey, Record<CategoryKey, number>> = {
  INDIVIDUAL: { BB: 22, MOB: 34, DEV: 17, ACC: 12, CLD: 3, SEC: 6, SUP: 4, IOT: 3 },
  ENTERPRISE: { BB: 14, MOB: 14, DEV: 12, ACC: 3, CLD: 20, SEC: 14, SUP: 9, IOT: 14 },
  GOVERNMENT: { BB: 14, MOB: 8, DEV: 10, ACC: 2, CLD: 22, SEC: 20, SUP: 12, IOT: 12 },
};

/** Industry-specific tilts of the category preference (e.g. fleets buy IoT, banks buy security). */
export const INDUSTRY_TILT: Record<string, Partial<Record<CategoryKey, number>>> = {
  Logistics: { IOT: 2.5 },
  Energy: { IOT: 2.5 },
  Manufacturing: { IOT: 2 },
  Finance: { SEC: 2, CLD: 1.3 },
  Retail: { DEV: 1.5, MOB: 1.3 },
  Education: { CLD: 1.4, DEV: 1.3 },
  Healthcare: { SEC: 1.5, CLD: 1.3 },
  Telecom: { BB: 1.5 },
  Technology: { CLD: 2 },
  Hospitality: { BB: 1.4, IOT: 1.3 },
  "Real estate": { IOT: 1.5, BB: 1.3 },
  [PUBLIC_SECTOR]: { SEC: 1.2 },
};

// ---------------------------------------------------------------------------------------------
// Partners, competitors, reasons

export const PARTNERS: { name: string; region: string; contactName: string; email: string; active: boolean }[] = [
  { name: "Yangtze Systems Integration Co., Ltd.", region: "East China", contactName: "Shen Hao", email: "partners@yangtze-si.com.cn", active: true },
  { name: "Pearl River IT Services", region: "South China", contactName: "Liang Ying", email: "bd@pearlriver-it.com", active: true },
  { name: "Capital Digital Solutions", region: "North China", contactName: "Zhao Lei", email: "channel@capital-digital.cn", active: true },
  { name: "Tianfu Cloud Partners", region: "Southwest", contactName: "Deng Rui", email: "hello@tianfu-cloud.cn", active: true },
  { name: "Central Plains Network Engineering", region: "Central China", contactName: "Ma Jun", email: "sales@cp-neteng.com", active: true },
  { name: "Silk Road Smart Technology", region: "Northwest", contactName: "Han Xue", email: "info@silkroad-smart.cn", active: true },
  { name: "Black Soil Information Systems", region: "Northeast", contactName: "Gao Peng", email: "contact@blacksoil-is.com", active: true },
  { name: "Bund Security Consulting", region: "East China", contactName: "Emily Carter", email: "partners@bund-security.com", active: false },
];

export const COMPETITORS = [
  "Northstar Telecom", "Apex Networks", "BlueRiver Cloud", "Orion Systems", "Cathay Digital", "Greatwall Datacom",
];

export const LOST_REASONS = [
  ["Price too high", 30],
  ["Chose competitor", 28],
  ["No budget", 14],
  ["Project cancelled", 10],
  ["No decision", 12],
  ["Timing not right", 6],
] as const;

export const DISQUALIFY_REASONS = [
  "No budget", "Not the decision maker", "Duplicate of an existing customer", "Outside our service area",
  "Unresponsive after three attempts", "Personal use only, no business need",
];

export const NEXT_STEPS = [
  "Send revised proposal", "Schedule product demo", "Follow up on pricing", "Arrange site survey",
  "Confirm budget with CFO", "Prepare contract draft", "Technical workshop with IT team", "Reference call with existing customer",
];

// ---------------------------------------------------------------------------------------------
// Campaigns and segments

export type AudienceRule =
  | { kind: "kinds"; kinds: KindKey[] }
  | { kind: "regionKind"; region: string; kinds: KindKey[] }
  | { kind: "industries"; industries: string[] }
  | { kind: "lapsed"; minDays: number; maxDays: number }
  | { kind: "all" };

export type CampaignDef = {
  name: string;
  type: CampaignType;
  status: CampaignStatus;
  description: string;
  /** Start relative to `now`, in days (negative = past), and duration in days. */
  startDay: number;
  days: number;
  audience: AudienceRule;
  /** Share of the eligible audience that becomes members. */
  rate: number;
  /** Products a converted member buys. */
  featured: string[];
  costPerMember: number;
  segment?: string;
  /** Random holdout (control group) share in percent: never contacted, measured for the lift. */
  holdoutPct?: number;
};

export const CAMPAIGNS: CampaignDef[] = [
  {
    name: "Spring 5G Upgrade Mailer", type: "DIRECT_MAIL", status: "COMPLETED",
    description: "Printed mailer offering 5G smartphones with a plan upgrade to 4G-era customers.",
    startDay: -300, days: 45, audience: { kind: "kinds", kinds: ["INDIVIDUAL"] }, rate: 0.2,
    featured: ["DEV-PHN-A5", "MOB-5G-99"], costPerMember: 4.5, holdoutPct: 10,
  },
  {
    name: "Fiber 1000M Launch", type: "EMAIL", status: "COMPLETED",
    description: "Email launch of gigabit home fiber with a free mesh router for early sign-ups.",
    startDay: -210, days: 30, audience: { kind: "kinds", kinds: ["INDIVIDUAL"] }, rate: 0.25,
    featured: ["BB-FIB-1000"], costPerMember: 0.3, holdoutPct: 10,
  },
  {
    name: "Enterprise Cloud Summit", type: "EVENT", status: "COMPLETED",
    description: "Half-day summit on cloud migration for IT leaders, with partner booths.",
    startDay: -160, days: 2, audience: { kind: "kinds", kinds: ["ENTERPRISE", "GOVERNMENT"] }, rate: 0.12,
    featured: ["CLD-VM-8", "CLD-DB"], costPerMember: 160,
  },
  {
    name: "Win-back Call Program", type: "PHONE", status: "COMPLETED",
    description: "Outbound calls to customers without a purchase for six months, with a loyalty offer.",
    startDay: -120, days: 40, audience: { kind: "lapsed", minDays: 180, maxDays: 900 }, rate: 0.45,
    featured: ["MOB-5G-199"], costPerMember: 12, holdoutPct: 10,
  },
  {
    name: "Singles' Day Device Deals", type: "ADVERTISING", status: "COMPLETED",
    description: "Online ads and app banners for discounted smartphones and accessories.",
    startDay: -75, days: 12, audience: { kind: "all" }, rate: 0.06,
    featured: ["DEV-PHN-X9", "ACC-BUDS"], costPerMember: 9,
  },
  {
    name: "SME Security Bundle", type: "EMAIL", status: "ACTIVE",
    description: "Email series offering endpoint protection and a firewall health check to small businesses.",
    startDay: -20, days: 50, audience: { kind: "kinds", kinds: ["ENTERPRISE"] }, rate: 0.25,
    featured: ["SEC-EDR", "SEC-FW"], costPerMember: 0.4, holdoutPct: 10,
  },
  {
    name: "Retention Call List", type: "PHONE", status: "ACTIVE",
    description: "Service agents call customers whose purchases slowed down, before they leave.",
    startDay: -10, days: 45, audience: { kind: "lapsed", minDays: 90, maxDays: 365 }, rate: 0.5,
    featured: ["SUP-CARE", "MOB-5G-99"], costPerMember: 12,
  },
  {
    name: "Smart City IoT Roadshow", type: "EVENT", status: "ACTIVE",
    description: "Roadshow in regional capitals demonstrating fleet tracking and smart metering.",
    startDay: -14, days: 30, audience: { kind: "industries", industries: ["Logistics", "Energy", "Manufacturing"] },
    rate: 0.4, featured: ["IOT-GPS", "IOT-METER"], costPerMember: 120, segment: "Logistics, energy and manufacturing",
  },
  {
    name: "New Year Family Plan", type: "DIRECT_MAIL", status: "SCHEDULED",
    description: "Family share plan mailer for households in South China.",
    startDay: 20, days: 40, audience: { kind: "regionKind", region: "South China", kinds: ["INDIVIDUAL"] }, rate: 0.5,
    featured: ["MOB-5G-129"], costPerMember: 4.5, segment: "South China consumers",
  },
  {
    name: "Cloud Migration Webinar", type: "EVENT", status: "DRAFT",
    description: "Online webinar with a live migration demo and a free assessment offer.",
    startDay: 35, days: 1, audience: { kind: "kinds", kinds: ["ENTERPRISE", "GOVERNMENT"] }, rate: 0.1,
    featured: ["CLD-VM-4"], costPerMember: 20,
  },
  {
    name: "Data Top-up Text Offer", type: "SMS", status: "COMPLETED",
    description: "Text message offering a discounted 20 GB data top-up to heavy mobile users.",
    startDay: -95, days: 14, audience: { kind: "kinds", kinds: ["INDIVIDUAL"] }, rate: 0.15,
    featured: ["MOB-5G-99"], costPerMember: 0.05, holdoutPct: 10,
  },
  {
    name: "Metro Billboard Awareness", type: "ADVERTISING", status: "CANCELLED",
    description: "Metro station billboards; cancelled when the media buy fell through.",
    startDay: -45, days: 30, audience: { kind: "all" }, rate: 0.03,
    featured: ["MOB-5G-59"], costPerMember: 8,
  },
  {
    name: "Government Fax-to-Cloud Outreach", type: "PHONE", status: "CANCELLED",
    description: "Calls to agencies still ordering by fax, offering e-procurement; paused by a policy review.",
    startDay: -60, days: 30, audience: { kind: "kinds", kinds: ["GOVERNMENT"] }, rate: 0.4,
    featured: ["CLD-MAIL"], costPerMember: 12, segment: "Government accounts",
  },
];

export type SegmentDef = { name: string; description: string; rule: Rule; owner: "admin" | "manager" };

const attr = (field: "region" | "industry", values: string[]): Condition => ({ type: "condition", field, op: "in", value: values });
const kinds = (...value: ("ENTERPRISE" | "INDIVIDUAL" | "GOVERNMENT")[]): Condition => ({ type: "condition", field: "kind", op: "in", value });
const and = (...children: (Condition | Rule)[]): Rule => ({ type: "group", op: "and", children });
const or = (...children: (Condition | Rule)[]): Rule => ({ type: "group", op: "or", children });

/**
 * The demo company's own dynamic segments, in the rule language of lib/segments/rules/rule.ts. Rules over
 * customer columns and orders are materialised at seed time; score-based ones fill when the first
 * score run refreshes every dynamic segment (lib/segments/refresh.ts), as do the built-in segments.
 */
export const SEGMENTS: SegmentDef[] = [
  { name: "East China enterprises", description: "Enterprise accounts in East China.", rule: and(attr("region", ["East China"]), kinds("ENTERPRISE")), owner: "manager" },
  { name: "Government accounts", description: "All government agencies and public institutions.", rule: and(kinds("GOVERNMENT")), owner: "admin" },
  { name: "Logistics, energy and manufacturing", description: "Industries with the strongest IoT demand.", rule: and(attr("industry", ["Logistics", "Energy", "Manufacturing"])), owner: "admin" },
  { name: "South China consumers", description: "Individual customers in South China.", rule: and(attr("region", ["South China"]), kinds("INDIVIDUAL")), owner: "manager" },
  { name: "Spend over 100k", description: "Customers whose completed orders total at least ¥100,000.", rule: and({ type: "condition", field: "spend", op: "gte", value: "100000" }), owner: "admin" },
  { name: "VIP and major customers", description: "Top 5 % by spend (filled when scores are computed).", rule: and({ type: "condition", field: "tier", period: "current", op: "in", value: ["VIP", "MAJOR"] }), owner: "admin" },
  {
    name: "Lapsed big spenders",
    description: "Spent ¥50,000 or more in all, but nothing in the last 180 days — or lifecycle Decline/Exit with a high lifetime value.",
    rule: and(
      { type: "condition", field: "spend", op: "gte", value: "50000" },
      or(
        { type: "condition", field: "lastPurchase", op: "notWithinLastDays", value: 180 },
        and({ type: "condition", field: "lifecycleStage", period: "current", op: "in", value: ["DECLINE", "EXIT"] }, { type: "condition", field: "historicalClv", period: "current", op: "gte", value: "20000" }),
      ),
    ),
    owner: "manager",
  },
  {
    name: "VIP in East China with no call in 90 days",
    description: "VIP customers in East China nobody phoned or visited in the last 90 days.",
    rule: and(
      { type: "condition", field: "tier", period: "current", op: "in", value: ["VIP"] },
      attr("region", ["East China"]),
      and(
        { type: "condition", field: "lastTouchpoint", channel: "PHONE", op: "notWithinLastDays", value: 90 },
        { type: "condition", field: "lastTouchpoint", channel: "SALES_VISIT", op: "notWithinLastDays", value: 90 },
      ),
    ),
    owner: "manager",
  },
  {
    name: "Reachable customers at risk",
    description: "Churn risk of 50% or more, no phone opt-out, bought in the last year: the retention call list.",
    rule: and(
      { type: "condition", field: "churnRisk", period: "current", op: "gte", value: 0.5 },
      { type: "condition", field: "optOut", channel: "phone", op: "is", value: false },
      { type: "condition", field: "orderCount", days: 365, op: "gte", value: 1 },
    ),
    owner: "admin",
  },
];

// ---------------------------------------------------------------------------------------------
// Service

export const TICKET_TOPICS: { category: string; subject: string; description: string; business: boolean; consumer: boolean }[] = [
  { category: "technical", subject: "Broadband outage", description: "No internet since this morning; router lights show a red LOS signal.", business: true, consumer: true },
  { category: "technical", subject: "Slow broadband speed", description: "Measured speed is far below the subscribed plan in the evening.", business: true, consumer: true },
  { category: "billing", subject: "Billing dispute", description: "Charged twice for the same monthly plan; requests a refund.", business: true, consumer: true },
  { category: "technical", subject: "SIM card not working", description: "Phone shows 'No SIM' after a restart.", business: true, consumer: true },
  { category: "technical", subject: "Device will not charge", description: "Smartphone bought last month stopped charging.", business: false, consumer: true },
  { category: "technical", subject: "Cloud server unreachable", description: "Cannot connect to the cloud server over SSH since the last maintenance window.", business: true, consumer: false },
  { category: "billing", subject: "Request for invoice copy", description: "Needs VAT invoices for the last quarter.", business: true, consumer: true },
  { category: "account", subject: "Change of plan", description: "Wants to move to a larger data plan from next month.", business: true, consumer: true },
  { category: "account", subject: "Number porting request", description: "Porting three numbers from another carrier.", business: true, consumer: true },
  { category: "technical", subject: "Firewall configuration help", description: "Needs help opening ports for a new application.", business: true, consumer: false },
  { category: "technical", subject: "IoT SIMs not connecting", description: "A batch of tracker SIMs has not registered on the network.", business: true, consumer: false },
  { category: "technical", subject: "Roaming not working", description: "No data service while travelling abroad despite the roaming pack.", business: true, consumer: true },
  { category: "orders", subject: "Installation appointment", description: "Needs to reschedule the fiber installation visit.", business: true, consumer: true },
  { category: "account", subject: "Customer portal password reset", description: "Locked out of the self-service portal.", business: true, consumer: true },
  { category: "complaint", subject: "Complaint about service staff", description: "Unhappy with how a previous call was handled.", business: true, consumer: true },
];

// ---------------------------------------------------------------------------------------------
// Touchpoints

export type TouchpointTemplate = { summaries: string[]; outcomes: string[] };

/** `{p}` is replaced by a product name. */
export const TOUCHPOINT_TEMPLATES: Partial<Record<`${Channel}:${Direction}`, TouchpointTemplate>> = {
  "PHONE:OUTBOUND": {
    summaries: ["Follow-up call about {p}", "Renewal reminder call", "Satisfaction survey call", "Upsell call: {p}", "Courtesy call after installation"],
    outcomes: ["Interested", "Callback requested", "No answer", "Not interested", "Meeting booked", "Left voicemail"],
  },
  "PHONE:INBOUND": {
    summaries: ["Inquiry about {p}", "Billing question", "Plan change request", "Coverage question", "Asked for a quote on {p}"],
    outcomes: ["Answered", "Transferred to sales", "Ticket created", "Quote sent"],
  },
  "WEB:INBOUND": {
    summaries: ["Submitted contact form", "Browsed {p} pricing page", "Downloaded product brochure", "Live chat: question about {p}"],
    outcomes: ["Lead captured", "Information sent", "Chat resolved", "No follow-up needed"],
  },
  "WEB:OUTBOUND": {
    summaries: ["Personalised offer shown in customer portal: {p}", "In-app notification: {p}"],
    outcomes: ["Viewed", "Clicked", "Dismissed"],
  },
  "EMAIL:OUTBOUND": {
    summaries: ["Monthly product newsletter", "Quote sent by email", "Renewal notice", "Offer: {p}", "Invoice reminder"],
    outcomes: ["Opened", "Clicked", "Bounced", "No response", "Replied"],
  },
  "EMAIL:INBOUND": {
    summaries: ["Email inquiry about {p}", "Reply to offer", "Invoice request", "Requested contract copy"],
    outcomes: ["Answered", "Forwarded to owner", "Ticket created"],
  },
  "FAX:INBOUND": {
    summaries: ["Signed contract returned by fax", "Tender document received by fax", "Stamped delivery note received"],
    outcomes: ["Processed", "Filed"],
  },
  "FAX:OUTBOUND": {
    summaries: ["Quotation sent by fax", "Contract sent by fax for signature"],
    outcomes: ["Delivered", "Line busy, resent"],
  },
  "DIRECT_MAIL:OUTBOUND": {
    summaries: ["Catalogue mailed", "Renewal letter mailed", "Promotional flyer: {p}"],
    outcomes: ["Delivered", "Returned to sender", "No response"],
  },
  "DIRECT_MAIL:INBOUND": {
    summaries: ["Reply card returned", "Mailed coupon redeemed"],
    outcomes: ["Response recorded", "Offer accepted"],
  },
  "OUTLET:INBOUND": {
    summaries: ["Store visit: {p} demo", "Counter visit: bill payment", "Store visit: SIM replacement", "Store visit: asked about {p}"],
    outcomes: ["Served", "Referred to sales", "Quote given"],
  },
  "SALES_VISIT:OUTBOUND": {
    summaries: ["On-site visit: needs assessment", "Presented {p} proposal", "Quarterly business review", "Site survey for installation"],
    outcomes: ["Positive", "Proposal requested", "Decision pending", "Objection: price", "Next meeting scheduled"],
  },
  "EVENT:INBOUND": {
    summaries: ["Visited booth at trade fair", "Attended customer appreciation evening", "Registered for product webinar"],
    outcomes: ["Attended", "Lead captured", "Demo requested"],
  },
  "EVENT:OUTBOUND": {
    summaries: ["Invited to regional customer event", "Invited to product launch"],
    outcomes: ["Registered", "Declined", "No response"],
  },
  "ADVERTISING:INBOUND": {
    summaries: ["Responded to {p} online ad", "Called the ad hotline", "Scanned QR code on a billboard"],
    outcomes: ["Lead captured", "Information sent"],
  },
  "SERVICE:INBOUND": {
    summaries: ["Fault report", "Technician visit requested", "Service request by phone"],
    outcomes: ["Resolved", "Escalated", "Technician dispatched"],
  },
  "SERVICE:OUTBOUND": {
    summaries: ["Service follow-up call", "Proactive outage notification", "Planned maintenance notice"],
    outcomes: ["Confirmed resolved", "Customer satisfied", "Acknowledged"],
  },
};

// ---------------------------------------------------------------------------------------------
// Calendar

export const TASK_TITLES = [
  "Call back about fiber upgrade", "Send revised quote", "Prepare quarterly business review deck",
  "Follow up on overdue invoice", "Confirm installation date", "Check contract renewal terms",
  "Update opportunity forecast", "Send case study to prospect",
];

export const APPOINTMENT_TITLES = [
  "Needs assessment meeting", "Proposal presentation", "Contract negotiation", "Quarterly business review",
  "Site survey", "Product demo", "Team pipeline review",
];

export const APPOINTMENT_LOCATIONS = ["Customer site", "Summit office, meeting room 3", "Video call", "Summit office, meeting room 1"];
