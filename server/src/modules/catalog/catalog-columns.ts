/**
 * The columns of the product and listing files (import, export and templates share them). Headers are matched by
 * name, case- and punctuation-insensitively, in English or Chinese; extra columns are ignored.
 */
export interface ColumnSpec {
  aliases: string[];
  required?: boolean;
  /** Column title in exported files. */
  title: string;
}

export const PRODUCT_COLUMNS: Record<string, ColumnSpec> = {
  sku: { aliases: ['sku code', 'SKU编码', '库存SKU'], required: true, title: 'sku' },
  name: { aliases: ['product name', '品名', '名称', '产品名称'], title: 'name' },
  spu: { aliases: ['spu code', 'SPU', '款号'], title: 'spu' },
  productLine: { aliases: ['product line', '产品线'], title: 'product_line' },
  images: { aliases: ['image urls', 'images', '图片'], title: 'images' },
  cost: { aliases: ['purchase cost', 'cost price', '采购成本', '成本'], title: 'cost' },
  costCurrency: { aliases: ['cost currency', '成本币种'], title: 'cost_currency' },
  lengthMm: { aliases: ['length mm', 'length', '长mm', '长'], title: 'length_mm' },
  widthMm: { aliases: ['width mm', 'width', '宽mm', '宽'], title: 'width_mm' },
  heightMm: { aliases: ['height mm', 'height', '高mm', '高'], title: 'height_mm' },
  weightG: { aliases: ['weight g', 'weight', '重量g', '重量'], title: 'weight_g' },
  hsCode: { aliases: ['hs code', 'HS编码', '海关编码'], title: 'hs_code' },
  declaredValue: { aliases: ['declared value', '申报价值'], title: 'declared_value' },
  declaredCurrency: { aliases: ['declared currency', '申报币种'], title: 'declared_currency' },
  casePack: { aliases: ['case pack', 'units per carton', '箱规', '装箱数'], title: 'case_pack' },
  moq: { aliases: ['MOQ', 'minimum order quantity', '最小起订量'], title: 'moq' },
  status: { aliases: ['状态'], title: 'status' },
  tags: { aliases: ['标签'], title: 'tags' },
  operator: { aliases: ['operator email', '运营', '负责人'], title: 'operator' },
  productManager: { aliases: ['product manager', 'pm', '产品经理'], title: 'product_manager' },
  launchDate: { aliases: ['launch date', '上架日期', '开售日期'], title: 'launch_date' },
};

export const LISTING_COLUMNS: Record<string, ColumnSpec> = {
  store: { aliases: ['store name', 'shop', '店铺'], required: true, title: 'store' },
  marketplace: { aliases: ['marketplace id', 'site', 'country', '站点', '市场'], required: true, title: 'marketplace' },
  sellerSku: { aliases: ['seller sku', 'seller-sku', 'msku', 'sku', '卖家SKU'], required: true, title: 'seller_sku' },
  asin: { aliases: ['asin1', 'ASIN'], title: 'asin' },
  parentAsin: { aliases: ['parent asin', 'parent-asin', '父ASIN'], title: 'parent_asin' },
  fnsku: { aliases: ['FNSKU'], title: 'fnsku' },
  title: { aliases: ['item name', 'item-name', '标题'], title: 'title' },
  fulfillmentChannel: {
    aliases: ['fulfillment channel', 'fulfillment-channel', '配送方式'],
    title: 'fulfillment_channel',
  },
  status: { aliases: ['状态'], title: 'status' },
  price: { aliases: ['your price', '价格', '售价'], title: 'price' },
  tags: { aliases: ['标签'], title: 'tags' },
  skus: { aliases: ['paired skus', 'local sku', '配对SKU', '本地SKU'], title: 'skus' },
  operator: { aliases: ['operator email', '运营', '负责人'], title: 'operator' },
  launchDate: { aliases: ['launch date', 'open date', 'open-date', '上架日期'], title: 'launch_date' },
};
