// Routes: /login outside, every other page inside the authenticated layout, lazily loaded, guarded by permission.
import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppLayout } from './components/app-layout';
import { PermissionGuard } from './components/permission-guard';
import { RequireAuth } from './components/require-auth';
import type { Action, Module } from './lib/types';
import { LoginPage } from './routes/auth/login/login-page';
import { NotFoundPage } from './routes/not-found-page';

function page(path: string, load: () => Promise<ComponentType>, permission?: [Module, Action]): RouteObject {
  return {
    path,
    lazy: async () => {
      const Page = await load();
      return {
        Component: permission
          ? () => (
              <PermissionGuard module={permission[0]} action={permission[1]}>
                <Page />
              </PermissionGuard>
            )
          : Page,
      };
    },
  };
}

export const router = createBrowserRouter([
  { path: '/login', Component: LoginPage },
  {
    Component: RequireAuth,
    children: [
      {
        Component: AppLayout,
        children: [
          page('/', () => import('./routes/overview/home/overview-page').then((m) => m.OverviewPage)),
          page(
            '/catalog/products',
            () => import('./routes/catalog/products/products-page').then((m) => m.ProductsPage),
            ['catalog', 'view'],
          ),
          page(
            '/catalog/listings',
            () => import('./routes/catalog/listings/listings-page').then((m) => m.ListingsPage),
            ['catalog', 'view'],
          ),
          page('/catalog/spus', () => import('./routes/catalog/spus/spus-page').then((m) => m.SpusPage), [
            'catalog',
            'view',
          ]),
          page('/catalog/import', () => import('./routes/catalog/import/import-page').then((m) => m.ImportPage), [
            'catalog',
            'edit',
          ]),
          page('/stores', () => import('./routes/stores/stores/stores-page').then((m) => m.StoresPage), [
            'stores',
            'view',
          ]),
          page(
            '/exchange-rates',
            () => import('./routes/fx/exchange-rates/exchange-rates-page').then((m) => m.ExchangeRatesPage),
            ['fx', 'view'],
          ),
          page(
            '/operation-log',
            () => import('./routes/audit/operation-log/operation-log-page').then((m) => m.OperationLogPage),
            ['audit', 'view'],
          ),
          page('/settings/company', () => import('./routes/settings/company/company-page').then((m) => m.CompanyPage), [
            'settings',
            'view',
          ]),
          page(
            '/settings/departments',
            () => import('./routes/settings/departments/departments-page').then((m) => m.DepartmentsPage),
            ['settings', 'view'],
          ),
          page('/settings/users', () => import('./routes/settings/users/users-page').then((m) => m.UsersPage), [
            'users',
            'view',
          ]),
          page('/settings/roles', () => import('./routes/settings/roles/roles-page').then((m) => m.RolesPage), [
            'users',
            'view',
          ]),
          page('/settings/api-tokens', () =>
            import('./routes/settings/api-tokens/api-tokens-page').then((m) => m.ApiTokensPage),
          ),
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
]);
