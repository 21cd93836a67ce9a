// The menu: one entry per page, with the permission that makes it visible (the router guards the same pages).
import {
  AccountBookOutlined,
  AuditOutlined,
  DashboardOutlined,
  DollarOutlined,
  InboxOutlined,
  LineChartOutlined,
  NotificationOutlined,
  SettingOutlined,
  ShopOutlined,
  ShoppingCartOutlined,
  TagsOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Action, Module } from './lib/types';

export interface NavPage {
  path: string;
  labelKey: string;
  permission?: [Module, Action];
}

export interface NavGroup {
  key: string;
  labelKey: string;
  icon: ReactNode;
  path?: string;
  permission?: [Module, Action];
  children?: NavPage[];
}

export const NAV: readonly NavGroup[] = [
  { key: 'overview', labelKey: 'nav.overview', icon: <DashboardOutlined />, path: '/' },
  {
    key: 'catalog',
    labelKey: 'nav.catalog',
    icon: <TagsOutlined />,
    children: [
      { path: '/catalog/products', labelKey: 'nav.products', permission: ['catalog', 'view'] },
      { path: '/catalog/listings', labelKey: 'nav.listings', permission: ['catalog', 'view'] },
      { path: '/catalog/spus', labelKey: 'nav.spus', permission: ['catalog', 'view'] },
      { path: '/catalog/import', labelKey: 'nav.import', permission: ['catalog', 'edit'] },
    ],
  },
  {
    key: 'orders',
    labelKey: 'nav.orders',
    icon: <ShoppingCartOutlined />,
    path: '/orders',
    permission: ['orders', 'view'],
  },
  {
    key: 'inventory',
    labelKey: 'nav.inventory',
    icon: <InboxOutlined />,
    children: [
      { path: '/inventory/fba', labelKey: 'nav.fbaInventory', permission: ['inventory', 'view'] },
      { path: '/inventory/ledger', labelKey: 'nav.inventoryLedger', permission: ['inventory', 'view'] },
      { path: '/inventory/returns', labelKey: 'nav.returns', permission: ['inventory', 'view'] },
    ],
  },
  {
    key: 'finance',
    labelKey: 'nav.finance',
    icon: <AccountBookOutlined />,
    children: [
      { path: '/finance/settlements', labelKey: 'nav.settlements', permission: ['finance', 'view'] },
      { path: '/finance/events', labelKey: 'nav.financialEvents', permission: ['finance', 'view'] },
      { path: '/finance/fba', labelKey: 'nav.fbaFees', permission: ['finance', 'view'] },
    ],
  },
  {
    key: 'analytics',
    labelKey: 'nav.analytics',
    icon: <LineChartOutlined />,
    children: [
      { path: '/analytics/traffic', labelKey: 'nav.trafficConversion', permission: ['analytics', 'view'] },
      { path: '/analytics/search-terms', labelKey: 'nav.searchTerms', permission: ['analytics', 'view'] },
      { path: '/analytics/fee-estimates', labelKey: 'nav.feeEstimates', permission: ['analytics', 'view'] },
    ],
  },
  {
    key: 'ads',
    labelKey: 'nav.ads',
    icon: <NotificationOutlined />,
    children: [
      { path: '/ads/campaigns', labelKey: 'nav.adsCampaigns', permission: ['ads', 'view'] },
      { path: '/ads/performance', labelKey: 'nav.adsPerformance', permission: ['ads', 'view'] },
      { path: '/ads/search-terms', labelKey: 'nav.adsSearchTerms', permission: ['ads', 'view'] },
    ],
  },
  {
    key: 'stores',
    labelKey: 'nav.stores',
    icon: <ShopOutlined />,
    children: [
      { path: '/stores', labelKey: 'nav.storeList', permission: ['stores', 'view'] },
      { path: '/stores/sync', labelKey: 'nav.syncHealth', permission: ['stores', 'view'] },
      { path: '/stores/import', labelKey: 'nav.reportImport', permission: ['stores', 'edit'] },
    ],
  },
  {
    key: 'fx',
    labelKey: 'nav.exchangeRates',
    icon: <DollarOutlined />,
    path: '/exchange-rates',
    permission: ['fx', 'view'],
  },
  {
    key: 'audit',
    labelKey: 'nav.operationLog',
    icon: <AuditOutlined />,
    path: '/operation-log',
    permission: ['audit', 'view'],
  },
  {
    key: 'settings',
    labelKey: 'nav.settings',
    icon: <SettingOutlined />,
    children: [
      { path: '/settings/company', labelKey: 'nav.company', permission: ['settings', 'view'] },
      { path: '/settings/departments', labelKey: 'nav.departments', permission: ['settings', 'view'] },
      { path: '/settings/users', labelKey: 'nav.users', permission: ['users', 'view'] },
      { path: '/settings/roles', labelKey: 'nav.roles', permission: ['users', 'view'] },
      { path: '/settings/api-tokens', labelKey: 'nav.apiTokens' },
    ],
  },
];
