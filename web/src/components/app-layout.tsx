// The signed-in shell: side menu by module (only what the user may see), header with company, language and user.
import { Layout, Menu, type MenuProps, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useCan, useMe } from '../lib/session';
import { NAV } from '../nav';
import { HealthFooter } from './health-footer';
import { LanguageSwitch } from './language-switch';
import { UserMenu } from './user-menu';

const { Header, Sider, Content } = Layout;

/** The menu key of a location: the deepest nav path that prefixes it. */
function selectedKey(pathname: string): string {
  let best = '/';
  for (const group of NAV) {
    for (const path of [group.path, ...(group.children ?? []).map((c) => c.path)]) {
      if (path && path !== '/' && pathname.startsWith(path) && path.length > best.length) best = path;
    }
  }
  return best;
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);

  const items = useMemo<MenuProps['items']>(() => {
    const visible = (permission?: [Parameters<typeof can>[0], Parameters<typeof can>[1]]) =>
      !permission || can(permission[0], permission[1]);
    return NAV.filter((group) => visible(group.permission)).flatMap((group) => {
      if (!group.children) {
        return [{ key: group.path ?? group.key, icon: group.icon, label: t(group.labelKey) }];
      }
      const children = group.children
        .filter((child) => visible(child.permission))
        .map((child) => ({ key: child.path, label: t(child.labelKey) }));
      return children.length ? [{ key: group.key, icon: group.icon, label: t(group.labelKey), children }] : [];
    });
  }, [can, t]);

  const selected = selectedKey(location.pathname);
  const openGroup = NAV.find((g) => g.children?.some((c) => c.path === selected))?.key;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={220} theme="dark">
        <div
          style={{ height: 56, display: 'flex', alignItems: 'center', justifyContent: 'center', color: '#fff' }}
          data-testid="brand"
        >
          <Typography.Text strong style={{ color: '#fff', fontSize: collapsed ? 16 : 18, whiteSpace: 'nowrap' }}>
            {collapsed ? t('app.shortName') : t('app.name')}
          </Typography.Text>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={[selected]}
          defaultOpenKeys={openGroup ? [openGroup, 'catalog'] : ['catalog']}
          onClick={({ key }) => navigate(key)}
          data-testid="main-menu"
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: '0 20px',
            display: 'flex',
            alignItems: 'center',
            gap: 16,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="company-name">
            {me.companyName}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('layout.baseCurrency')}: {me.baseCurrency}
          </Typography.Text>
          <div style={{ flex: 1 }} />
          <LanguageSwitch />
          <UserMenu />
        </Header>
        <Content style={{ padding: 24, overflow: 'auto' }}>
          <Outlet />
        </Content>
        <HealthFooter />
      </Layout>
    </Layout>
  );
}
