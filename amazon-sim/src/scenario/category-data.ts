/**
 * Product categories of the generated catalogs: the Amazon product type their listings use, the referral-fee rule of
 * their fee category (shares/bands from shared/references/fees.md, US schedule), size and price ranges, how strongly
 * they swing with the seasons, how often they come back, and word lists for titles.
 */

export type ReferralRule =
  | { kind: 'flat'; rate: number }
  /** Whole price in one band: `rate` while the sales price is at most `upTo` (major units), then the next band. */
  | { kind: 'banded'; bands: { upTo: number; rate: number }[] }
  /** Each slice of the price at its own rate (like tax brackets). */
  | { kind: 'marginal'; bands: { upTo: number; rate: number }[] };

export interface VariationSpec {
  /** Amazon variation theme, e.g. `COLOR` or `SIZE/COLOR`. */
  theme: string;
  /** Listing attributes that define the theme. */
  attributes: string[];
  values: string[];
}

export interface CategorySpec {
  key: string;
  label: string;
  productType: string;
  /** Relative frequency in a catalog. */
  weight: number;
  referral: ReferralRule;
  /** List price range in US dollars. */
  priceUsd: [number, number];
  /** Package size ranges in cm (longest, median, shortest) and weight in grams. */
  sizeCm: [[number, number], [number, number], [number, number]];
  weightG: [number, number];
  /** Extra demand at the Q4 peak (1 = doubles), in summer, and before school starts. */
  q4: number;
  summer: number;
  backToSchool: number;
  returnRate: number;
  nouns: string[];
  adjectives: string[];
  variation: VariationSpec;
}

const COLORS: VariationSpec = {
  theme: 'COLOR',
  attributes: ['color'],
  values: ['Black', 'White', 'Grey', 'Navy', 'Sage Green', 'Terracotta'],
};

const flat = (rate: number): ReferralRule => ({ kind: 'flat', rate });

export const CATEGORIES: CategorySpec[] = [
  {
    key: 'KIT',
    label: 'Home & Kitchen',
    productType: 'KITCHEN',
    weight: 18,
    referral: flat(0.15),
    priceUsd: [12, 60],
    sizeCm: [
      [18, 45],
      [10, 30],
      [3, 15],
    ],
    weightG: [150, 2400],
    q4: 0.9,
    summer: 0,
    backToSchool: 0,
    returnRate: 0.04,
    nouns: ['Chef Knife', 'Cutting Board', 'Spice Rack', 'Mixing Bowl Set', 'Spatula Set', 'Pour-Over Coffee Dripper'],
    adjectives: ['Bamboo', 'Stainless Steel', 'Non-Stick', 'Stackable', 'Ceramic', 'Heat-Resistant'],
    variation: COLORS,
  },
  {
    key: 'HOM',
    label: 'Home & Kitchen',
    productType: 'HOME',
    weight: 14,
    referral: flat(0.15),
    priceUsd: [15, 70],
    sizeCm: [
      [20, 50],
      [15, 40],
      [4, 20],
    ],
    weightG: [200, 3000],
    q4: 1.2,
    summer: 0,
    backToSchool: 0,
    returnRate: 0.05,
    nouns: ['Throw Blanket', 'Scented Candle', 'Picture Frame', 'Storage Basket', 'Wall Clock', 'Cushion Cover'],
    adjectives: ['Woven', 'Minimalist', 'Velvet', 'Rustic', 'Linen', 'Hand-Poured'],
    variation: COLORS,
  },
  {
    key: 'SPO',
    label: 'Sports & Outdoors',
    productType: 'SPORTING_GOODS',
    weight: 14,
    referral: flat(0.15),
    priceUsd: [10, 55],
    sizeCm: [
      [20, 62],
      [8, 25],
      [3, 12],
    ],
    weightG: [80, 2200],
    q4: 0.5,
    summer: 0.45,
    backToSchool: 0,
    returnRate: 0.05,
    nouns: ['Yoga Mat', 'Resistance Bands', 'Insulated Water Bottle', 'Jump Rope', 'Camping Lantern', 'Foam Roller'],
    adjectives: ['Lightweight', 'Non-Slip', 'Insulated', 'Adjustable', 'Waterproof', 'Compact'],
    variation: COLORS,
  },
  {
    key: 'TOY',
    label: 'Toys & Games',
    productType: 'TOY_FIGURE',
    weight: 10,
    referral: flat(0.15),
    priceUsd: [9, 45],
    sizeCm: [
      [15, 40],
      [10, 30],
      [4, 15],
    ],
    weightG: [100, 1500],
    q4: 2.2,
    summer: 0,
    backToSchool: 0,
    returnRate: 0.03,
    nouns: ['Wooden Puzzle', 'Building Blocks Set', 'Plush Toy', 'Card Game', 'Magnetic Tiles', 'Kids Art Kit'],
    adjectives: ['Educational', 'Colorful', 'Classic', 'Deluxe', 'Travel-Size', 'Family'],
    variation: { theme: 'STYLE', attributes: ['style'], values: ['Starter', 'Classic', 'Deluxe', 'Travel'] },
  },
  {
    key: 'BEA',
    label: 'Beauty',
    productType: 'BEAUTY',
    weight: 9,
    referral: {
      kind: 'banded',
      bands: [
        { upTo: 10, rate: 0.08 },
        { upTo: Number.POSITIVE_INFINITY, rate: 0.15 },
      ],
    },
    priceUsd: [6, 35],
    sizeCm: [
      [8, 22],
      [5, 15],
      [2, 8],
    ],
    weightG: [40, 600],
    q4: 0.8,
    summer: 0.1,
    backToSchool: 0,
    returnRate: 0.03,
    nouns: [
      'Facial Cleansing Brush',
      'Hair Clip Set',
      'Makeup Brush Set',
      'Facial Roller',
      'Nail Care Kit',
      'Shower Cap',
    ],
    adjectives: ['Gentle', 'Reusable', 'Vegan', 'Soft-Bristle', 'Travel', 'Salon-Grade'],
    variation: COLORS,
  },
  {
    key: 'ELA',
    label: 'Electronics Accessories',
    productType: 'ELECTRONIC_ADAPTER',
    weight: 14,
    referral: {
      kind: 'marginal',
      bands: [
        { upTo: 100, rate: 0.15 },
        { upTo: Number.POSITIVE_INFINITY, rate: 0.08 },
      ],
    },
    priceUsd: [8, 80],
    sizeCm: [
      [10, 35],
      [6, 25],
      [1, 8],
    ],
    weightG: [30, 900],
    q4: 1.1,
    summer: 0,
    backToSchool: 0.4,
    returnRate: 0.06,
    nouns: ['Phone Case', 'USB-C Cable', 'Wireless Charger', 'Laptop Stand', 'Cable Organizer', 'Power Bank'],
    adjectives: ['Braided', 'Fast-Charging', 'Slim', 'Foldable', 'Magnetic', 'Shockproof'],
    variation: COLORS,
  },
  {
    key: 'PET',
    label: 'Pet Supplies',
    productType: 'PET_SUPPLIES',
    weight: 8,
    referral: flat(0.15),
    priceUsd: [8, 50],
    sizeCm: [
      [15, 60],
      [10, 40],
      [3, 20],
    ],
    weightG: [60, 2600],
    q4: 0.5,
    summer: 0.1,
    backToSchool: 0,
    returnRate: 0.04,
    nouns: ['Dog Leash', 'Cat Scratching Post', 'Grooming Brush', 'Slow Feeder Bowl', 'Chew Toy', 'Pet Bed'],
    adjectives: ['Durable', 'Reflective', 'Washable', 'Orthopedic', 'Anti-Slip', 'Calming'],
    variation: { theme: 'SIZE', attributes: ['size'], values: ['Small', 'Medium', 'Large', 'X-Large'] },
  },
  {
    key: 'OFF',
    label: 'Office Products',
    productType: 'OFFICE_PRODUCTS',
    weight: 7,
    referral: flat(0.15),
    priceUsd: [6, 40],
    sizeCm: [
      [15, 40],
      [10, 30],
      [1, 10],
    ],
    weightG: [50, 1800],
    q4: 0.3,
    summer: 0,
    backToSchool: 0.9,
    returnRate: 0.03,
    nouns: ['Desk Organizer', 'Gel Pen Set', 'Dotted Notebook', 'Monitor Riser', 'Sticky Notes', 'Document Folder'],
    adjectives: ['Refillable', 'Acrylic', 'Recycled', 'Ergonomic', 'Pastel', 'Heavy-Duty'],
    variation: COLORS,
  },
  {
    key: 'APP',
    label: 'Clothing & Accessories',
    productType: 'SHIRT',
    weight: 6,
    referral: {
      kind: 'banded',
      bands: [
        { upTo: 15, rate: 0.05 },
        { upTo: 20, rate: 0.1 },
        { upTo: Number.POSITIVE_INFINITY, rate: 0.17 },
      ],
    },
    priceUsd: [12, 45],
    sizeCm: [
      [25, 35],
      [20, 28],
      [2, 6],
    ],
    weightG: [120, 700],
    q4: 0.9,
    summer: 0.2,
    backToSchool: 0.3,
    returnRate: 0.12,
    nouns: ['Crew Neck T-Shirt', 'Hoodie', 'Running Socks', 'Knit Beanie', 'Performance Leggings'],
    adjectives: ['Organic Cotton', 'Breathable', 'Relaxed-Fit', 'Moisture-Wicking', 'Brushed-Fleece'],
    variation: { theme: 'SIZE/COLOR', attributes: ['size', 'color'], values: ['S', 'M', 'L', 'XL', 'XXL'] },
  },
];

/** A category by key (throws on unknown keys). */
export function categoryOf(key: string): CategorySpec {
  const c = CATEGORIES.find((x) => x.key === key);
  if (!c) throw new Error(`amazon-sim scenario: unknown category ${key}`);
  return c;
}
