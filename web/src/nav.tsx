// The menu: one entry per page, with the permission that makes it visible (the router guards the same pages).
import {
  AuditOutlined,
  DashboardOutlined,
  DollarOutlined,
  SettingOutlined,
  ShopOutlined,
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
  { key: 'stores', labelKey: 'nav.stores', icon: <ShopOutlined />, path: '/stores', permission: ['stores', 'view'] },
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
