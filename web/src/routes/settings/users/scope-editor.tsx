// A user's data scope: all stores or some; marketplaces; product lines; only their own items.
import { Form, Select, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMarketplaces, useStores } from '../../../lib/reference-data';
import type { Scope } from '../../../lib/types';

export const FULL_SCOPE: Scope = {
  allStores: true,
  storeIds: [],
  marketplaceIds: [],
  productLines: [],
  ownOnly: false,
};

export function ScopeEditor(props: { value?: Scope; onChange?: (scope: Scope) => void }) {
  const { t } = useTranslation();
  const stores = useStores();
  const marketplaces = useMarketplaces();
  const scope = props.value ?? FULL_SCOPE;
  const set = (patch: Partial<Scope>) => props.onChange?.({ ...scope, ...patch });

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="small" data-testid="scope-editor">
      <Space>
        <Switch checked={scope.allStores} onChange={(allStores) => set({ allStores })} />
        <Typography.Text>{t('scope.allStores')}</Typography.Text>
      </Space>
      <Form.Item label={t('scope.stores')} style={{ marginBottom: 8 }}>
        <Select
          mode="multiple"
          disabled={scope.allStores}
          value={scope.storeIds}
          onChange={(storeIds: string[]) => set({ storeIds })}
          placeholder={scope.allStores ? t('scope.allStoresPlaceholder') : t('scope.choose')}
          options={(stores.data?.rows ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
      </Form.Item>
      <Form.Item label={t('scope.marketplaces')} extra={t('scope.emptyMeansAll')} style={{ marginBottom: 8 }}>
        <Select
          mode="multiple"
          value={scope.marketplaceIds}
          onChange={(marketplaceIds: string[]) => set({ marketplaceIds })}
          options={(marketplaces.data?.rows ?? []).map((m) => ({ value: m.marketplaceId, label: m.code }))}
        />
      </Form.Item>
      <Form.Item label={t('scope.productLines')} extra={t('scope.emptyMeansAll')} style={{ marginBottom: 8 }}>
        <Select
          mode="tags"
          open={false}
          suffixIcon={null}
          tokenSeparators={[',', '，']}
          value={scope.productLines}
          onChange={(productLines: string[]) => set({ productLines })}
        />
      </Form.Item>
      <Space>
        <Switch checked={scope.ownOnly} onChange={(ownOnly) => set({ ownOnly })} />
        <Typography.Text>{t('scope.ownOnly')}</Typography.Text>
      </Space>
    </Space>
  );
}
