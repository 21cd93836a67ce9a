/**
 * The Sponsored Products v3 entities of SponsoredProducts_prod_3p.json: resource path, body keys, id fields,
 * media type and the fields create requires and update may change. One table drives list/create/update/delete.
 */

export type SpResource =
  | 'campaigns'
  | 'adGroups'
  | 'keywords'
  | 'negativeKeywords'
  | 'campaignNegativeKeywords'
  | 'targets'
  | 'negativeTargets'
  | 'campaignNegativeTargets'
  | 'productAds';

export interface SpEntitySpec {
  resource: SpResource;
  /** Key of the array in create/update bodies, of the list response and of the 207 body. */
  key: string;
  /** Id field of the entity (and of update items). */
  idField: string;
  /** Id key of a 207 success item. */
  successIdKey: string;
  /** Entity key of a 207 success item. */
  successEntityKey: string;
  /** Filter object of the delete request (and the id filter of list). */
  idFilter: string;
  entityType: string;
  mediaType: string;
  /** Fields required to create one. */
  required: string[];
  /** Fields an update may change (besides state). */
  updatable: string[];
  /** The entity hangs under a campaign / an ad group (checked on create). */
  parent: 'none' | 'campaign' | 'adGroup';
  /** Match types allowed on create (keyword-like entities). */
  matchTypes?: string[];
  /** Text filter key of list (keyword-like entities). */
  textFilter?: string;
}

const media = (name: string) => `application/vnd.sp${name}.v3+json`;
const NEGATIVE_MATCH = ['NEGATIVE_EXACT', 'NEGATIVE_PHRASE', 'NEGATIVE_BROAD'];

export const SP_ENTITIES: Record<SpResource, SpEntitySpec> = {
  campaigns: {
    resource: 'campaigns',
    key: 'campaigns',
    idField: 'campaignId',
    successIdKey: 'campaignId',
    successEntityKey: 'campaign',
    idFilter: 'campaignIdFilter',
    entityType: 'CAMPAIGN',
    mediaType: media('Campaign'),
    required: ['budget', 'name', 'state', 'targetingType'],
    updatable: ['name', 'budget', 'startDate', 'endDate', 'dynamicBidding', 'portfolioId', 'tags'],
    parent: 'none',
  },
  adGroups: {
    resource: 'adGroups',
    key: 'adGroups',
    idField: 'adGroupId',
    successIdKey: 'adGroupId',
    successEntityKey: 'adGroup',
    idFilter: 'adGroupIdFilter',
    entityType: 'AD_GROUP',
    mediaType: media('AdGroup'),
    required: ['campaignId', 'defaultBid', 'name', 'state'],
    updatable: ['name', 'defaultBid'],
    parent: 'campaign',
  },
  keywords: {
    resource: 'keywords',
    key: 'keywords',
    idField: 'keywordId',
    successIdKey: 'keywordId',
    successEntityKey: 'keyword',
    idFilter: 'keywordIdFilter',
    entityType: 'KEYWORD',
    mediaType: media('Keyword'),
    required: ['adGroupId', 'campaignId', 'keywordText', 'matchType', 'state'],
    updatable: ['bid'],
    parent: 'adGroup',
    matchTypes: ['EXACT', 'PHRASE', 'BROAD'],
    textFilter: 'keywordTextFilter',
  },
  negativeKeywords: {
    resource: 'negativeKeywords',
    key: 'negativeKeywords',
    idField: 'keywordId',
    successIdKey: 'negativeKeywordId',
    successEntityKey: 'negativeKeyword',
    idFilter: 'negativeKeywordIdFilter',
    entityType: 'NEGATIVE_KEYWORD',
    mediaType: media('NegativeKeyword'),
    required: ['adGroupId', 'campaignId', 'keywordText', 'matchType', 'state'],
    updatable: [],
    parent: 'adGroup',
    matchTypes: NEGATIVE_MATCH,
    textFilter: 'negativeKeywordTextFilter',
  },
  campaignNegativeKeywords: {
    resource: 'campaignNegativeKeywords',
    key: 'campaignNegativeKeywords',
    idField: 'keywordId',
    successIdKey: 'campaignNegativeKeywordId',
    successEntityKey: 'campaignNegativeKeyword',
    idFilter: 'campaignNegativeKeywordIdFilter',
    entityType: 'CAMPAIGN_NEGATIVE_KEYWORD',
    mediaType: media('CampaignNegativeKeyword'),
    required: ['campaignId', 'keywordText', 'matchType', 'state'],
    updatable: [],
    parent: 'campaign',
    matchTypes: NEGATIVE_MATCH,
    textFilter: 'campaignNegativeKeywordTextFilter',
  },
  targets: {
    resource: 'targets',
    key: 'targetingClauses',
    idField: 'targetId',
    successIdKey: 'targetId',
    successEntityKey: 'targetingClause',
    idFilter: 'targetIdFilter',
    entityType: 'TARGETING_CLAUSE',
    mediaType: media('TargetingClause'),
    required: ['adGroupId', 'campaignId', 'expression', 'expressionType', 'state'],
    updatable: ['bid', 'expression'],
    parent: 'adGroup',
  },
  negativeTargets: {
    resource: 'negativeTargets',
    key: 'negativeTargetingClauses',
    idField: 'targetId',
    successIdKey: 'targetId',
    successEntityKey: 'negativeTargetingClause',
    idFilter: 'negativeTargetIdFilter',
    entityType: 'NEGATIVE_TARGETING_CLAUSE',
    mediaType: media('NegativeTargetingClause'),
    required: ['adGroupId', 'campaignId', 'expression', 'state'],
    updatable: ['expression'],
    parent: 'adGroup',
  },
  campaignNegativeTargets: {
    resource: 'campaignNegativeTargets',
    key: 'campaignNegativeTargetingClauses',
    idField: 'targetId',
    // Spelled as in the spec's CampaignNegativeTargetingClauseSuccessResponseItem (the entity key is plural there).
    successIdKey: 'campaignNegativeTargetingClauseId',
    successEntityKey: 'campaignNegativeTargetingClauses',
    idFilter: 'campaignNegativeTargetIdFilter',
    entityType: 'CAMPAIGN_NEGATIVE_TARGETING_CLAUSE',
    mediaType: media('CampaignNegativeTargetingClause'),
    required: ['campaignId', 'expression', 'state'],
    updatable: ['expression'],
    parent: 'campaign',
  },
  productAds: {
    resource: 'productAds',
    key: 'productAds',
    idField: 'adId',
    successIdKey: 'adId',
    successEntityKey: 'productAd',
    idFilter: 'adIdFilter',
    entityType: 'PRODUCT_AD',
    mediaType: media('ProductAd'),
    required: ['adGroupId', 'campaignId', 'state'],
    updatable: [],
    parent: 'adGroup',
  },
};

/** States a create or update may set (the spec's CreateOrUpdateEntityState). */
export const WRITABLE_STATES = ['ENABLED', 'PAUSED', 'PROPOSED'];
/** States list filters accept. */
export const ENTITY_STATES = ['ENABLED', 'PAUSED', 'PROPOSED', 'ARCHIVED', 'ENABLING', 'USER_DELETED', 'OTHER'];
/** Predicate types of manual targeting clauses (CreateTargetingExpressionPredicateType). */
export const TARGET_PREDICATES = [
  'ASIN_CATEGORY_SAME_AS',
  'ASIN_BRAND_SAME_AS',
  'ASIN_PRICE_LESS_THAN',
  'ASIN_PRICE_BETWEEN',
  'ASIN_PRICE_GREATER_THAN',
  'ASIN_REVIEW_RATING_LESS_THAN',
  'ASIN_REVIEW_RATING_BETWEEN',
  'ASIN_REVIEW_RATING_GREATER_THAN',
  'ASIN_SAME_AS',
  'ASIN_AGE_RANGE_SAME_AS',
  'ASIN_GENRE_SAME_AS',
  'ASIN_IS_PRIME_SHIPPING_ELIGIBLE',
  'ASIN_EXPANDED_FROM',
  'KEYWORD_GROUP_SAME_AS',
];
/** Predicate types of negative targeting clauses. */
export const NEGATIVE_TARGET_PREDICATES = ['ASIN_BRAND_SAME_AS', 'ASIN_SAME_AS'];
/** Predicates of the four auto-targeting clauses an AUTO campaign's ad group gets. */
export const AUTO_PREDICATES = [
  'QUERY_HIGH_REL_MATCHES',
  'QUERY_BROAD_REL_MATCHES',
  'ASIN_ACCESSORY_RELATED',
  'ASIN_SUBSTITUTE_RELATED',
];

/** The entity spec of a resource path segment, if it is one. */
export function specOf(resource: string): SpEntitySpec | undefined {
  return Object.hasOwn(SP_ENTITIES, resource) ? SP_ENTITIES[resource as SpResource] : undefined;
}
