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
          page('/orders', () => import('./routes/orders/orders/orders-page').then((m) => m.OrdersPage), [
            'orders',
            'view',
          ]),
          page(
            '/orders/:id',
            () => import('./routes/orders/order-detail/order-detail-page').then((m) => m.OrderDetailPage),
            ['orders', 'view'],
          ),
          page(
            '/inventory/fba',
            () => import('./routes/inventory/fba/fba-inventory-page').then((m) => m.FbaInventoryPage),
            ['inventory', 'view'],
          ),
          page('/inventory/ledger', () => import('./routes/inventory/ledger/ledger-page').then((m) => m.LedgerPage), [
            'inventory',
            'view',
          ]),
          page(
            '/inventory/returns',
            () => import('./routes/inventory/returns/returns-page').then((m) => m.ReturnsPage),
            ['inventory', 'view'],
          ),
          page(
            '/finance/settlements',
            () => import('./routes/finance/settlements/settlements-page').then((m) => m.SettlementsPage),
            ['finance', 'view'],
          ),
          page(
            '/finance/settlements/:id',
            () =>
              import('./routes/finance/settlement-detail/settlement-detail-page').then((m) => m.SettlementDetailPage),
            ['finance', 'view'],
          ),
          page(
            '/finance/events',
            () => import('./routes/finance/events/financial-events-page').then((m) => m.FinancialEventsPage),
            ['finance', 'view'],
          ),
          page('/finance/fba', () => import('./routes/finance/fba/fba-fees-page').then((m) => m.FbaFeesPage), [
            'finance',
            'view',
          ]),
          page(
            '/ads/campaigns',
            () => import('./routes/ads/campaigns/campaigns-page').then((m) => m.AdsCampaignsPage),
            ['ads', 'view'],
          ),
          page(
            '/ads/performance',
            () => import('./routes/ads/performance/performance-page').then((m) => m.AdsPerformancePage),
            ['ads', 'view'],
          ),
          page(
            '/ads/search-terms',
            () => import('./routes/ads/search-terms/search-terms-page').then((m) => m.AdsSearchTermsPage),
            ['ads', 'view'],
          ),
          page(
            '/analytics/traffic',
            () => import('./routes/analytics/traffic/traffic-page').then((m) => m.TrafficPage),
            ['analytics', 'view'],
          ),
          page(
            '/analytics/search-terms',
            () => import('./routes/analytics/search-terms/search-terms-page').then((m) => m.SearchTermsPage),
            ['analytics', 'view'],
          ),
          page(
            '/analytics/fee-estimates',
            () => import('./routes/analytics/fee-estimates/fee-estimates-page').then((m) => m.FeeEstimatesPage),
            ['analytics', 'view'],
          ),
          page('/stores', () => import('./routes/stores/stores/stores-page').then((m) => m.StoresPage), [
            'stores',
            'view',
          ]),
          page('/stores/sync', () => import('./routes/stores/sync/sync-page').then((m) => m.SyncPage), [
            'stores',
            'view',
          ]),
          page(
            '/stores/import',
            () => import('./routes/stores/import/report-import-page').then((m) => m.ReportImportPage),
            ['stores', 'edit'],
          ),
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
