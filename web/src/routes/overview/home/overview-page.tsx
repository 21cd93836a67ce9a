// Home: catalog KPIs and two charts; a welcome line for users without catalog access.
import { Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan, useMe } from '../../../lib/session';
import { MarketplaceBar, StatusPie } from './charts';
import { useCatalogStats } from './queries';

export function OverviewPage() {
  const { t } = useTranslation();
  const me = useMe();
  const can = useCan();
  const stats = useCatalogStats();

  const fulfillment = (channel: string) => stats.data?.byFulfillment.find((f) => f.channel === channel)?.count ?? 0;
  const activeListings = stats.data?.byStatus.find((s) => s.status === 'active')?.count;

  return (
    <div className="yf-page" data-testid="overview-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('overview.welcome', { name: me.displayName })}
      </Typography.Title>
      {!can('catalog', 'view') ? (
        <Card>
          <Empty description={t('overview.noCatalogAccess')} />
        </Card>
      ) : stats.isPending ? (
        <Skeleton active />
      ) : stats.data ? (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} lg={6}>
              <Card>
                <Statistic title={t('overview.skuCount')} value={stats.data.skuCount} data-testid="kpi-skus" />
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card>
                <Statistic
                  title={t('overview.listingCount')}
                  value={stats.data.listingCount}
                  data-testid="kpi-listings"
                />
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card>
                <Statistic title={t('overview.activeCount')} value={activeListings ?? '—'} />
              </Card>
            </Col>
            <Col xs={12} lg={6}>
              <Card>
                <Statistic title={t('overview.fbaFbm')} value={`${fulfillment('FBA')} / ${fulfillment('FBM')}`} />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={10}>
              <Card title={t('overview.byStatus')}>
                <StatusPie stats={stats.data} />
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card title={t('overview.byMarketplace')}>
                <MarketplaceBar stats={stats.data} />
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
    </div>
  );
}
